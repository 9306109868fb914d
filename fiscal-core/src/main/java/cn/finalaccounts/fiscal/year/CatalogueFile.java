package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A 支出功能分类 or 支出经济分类 list as a bureau receives it each year, one 科目 a line: a header naming the columns
 * ({@code 科目编码}/{@code code}, {@code 科目名称}/{@code name}, optionally {@code 级次}/{@code level}; other columns
 * are left aside), then code, name and level. Read whole, every line checked: a bureau sees every failure of its
 * file at once, each with its line, not the first one alone.
 */
public final class CatalogueFile {
    /** One 科目 as the file lists it; {@code number} is its line in the file. */
    public record Line(int number, String code, String name, SubjectLevel level) {
    }

    /** The lines that could be read, and every problem; the file is usable only when {@code problems} is empty. */
    public record Read(String file, Classification classification, List<Line> lines, List<YearFileProblem> problems) {
        public boolean usable() {
            return problems.isEmpty();
        }
    }

    private static final List<String> CODE = List.of("科目编码", "code");
    private static final List<String> NAME = List.of("科目名称", "name");
    private static final List<String> LEVEL = List.of("级次", "level");

    private CatalogueFile() {
    }

    public static Read read(String file, Classification classification, byte[] csv) {
        List<YearFileProblem> problems = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        String[] rows = YearCsv.rows(csv);
        String[] header = rows[0].split(",", -1);
        int code = YearCsv.column(header, CODE);
        int name = YearCsv.column(header, NAME);
        int level = YearCsv.column(header, LEVEL);
        if (code < 0 || name < 0) {
            problems.add(new YearFileProblem(file, 1, null, "the header must name the columns 科目编码 (or code) and"
                    + " 科目名称 (or name); it reads \"" + rows[0] + "\""));
            return new Read(file, classification, List.of(), List.copyOf(problems));
        }
        Map<String, Integer> firstLine = new HashMap<>();
        for (YearCsv.Row row : YearCsv.body(file, rows, problems)) {
            int number = row.number();
            int problemsBefore = problems.size();
            Line line = line(file, classification, number, row.field(code), row.field(name),
                    level < 0 ? null : row.field(level), problems);
            if (line == null) {
                continue;
            }
            // A well-formed code counts as listed even when its line has another fault: its 项 are not blamed for it.
            Integer before = firstLine.putIfAbsent(line.code(), number);
            if (before != null) {
                problems.add(new YearFileProblem(file, number, "科目编码", line.code() + " is listed twice (first on line "
                        + before + ")"));
            } else if (problems.size() == problemsBefore) {
                lines.add(line);
            }
        }
        lines.removeIf(l -> {
            Optional<String> missing = parentCode(l).filter(p -> !firstLine.containsKey(p));
            missing.ifPresent(p -> problems.add(new YearFileProblem(file, l.number(), "科目编码", "the "
                    + l.level().label() + " " + l.code() + " hangs under " + p + ", which the file does not list")));
            return missing.isPresent();
        });
        problems.sort(java.util.Comparator.comparingInt(YearFileProblem::line));
        return new Read(file, classification, List.copyOf(lines), List.copyOf(problems));
    }

    /** The 类 of a 款, the 款 of a 项: the code's prefix one level up. */
    static Optional<String> parentCode(Line line) {
        return switch (line.level()) {
            case LEI -> Optional.empty();
            case KUAN -> Optional.of(line.code().substring(0, 3));
            case XIANG -> Optional.of(line.code().substring(0, 5));
        };
    }

    /** The line, also when its name or level is at fault (those are added to {@code problems}); null for a bad code. */
    private static Line line(String file, Classification classification, int number, String code, String name,
            String levelLabel, List<YearFileProblem> problems) {
        Optional<SubjectLevel> level = code.chars().allMatch(c -> c >= '0' && c <= '9')
                ? classification.levelOf(code) : Optional.empty();
        if (level.isEmpty()) {
            problems.add(new YearFileProblem(file, number, "科目编码", "\"" + code + "\" is not a code of the "
                    + classification.id() + " classification: " + classification.codeLengths()));
        }
        if (name.codePoints().allMatch(CatalogueFile::invisible)) {
            problems.add(new YearFileProblem(file, number, "科目名称", name.isEmpty() ? "the name is empty"
                    : "the name has no visible character"));
        } else if (name.codePoints().anyMatch(ch -> Character.getType(ch) == Character.CONTROL || ch == 0xFFFD)) {
            problems.add(new YearFileProblem(file, number, "科目名称", "the name holds a control character or a byte"
                    + " that is not UTF-8"));
        }
        if (level.isPresent() && levelLabel != null && !levelLabel.isEmpty()
                && !levelLabel.equals(level.get().label())) {
            problems.add(new YearFileProblem(file, number, "级次", "says " + levelLabel + " but a code of "
                    + code.length() + " digits is a " + level.get().label()));
        }
        return level.isPresent() ? new Line(number, code, name, level.get()) : null;
    }

    /** Spaces of every width, and format characters such as the zero-width space or the soft hyphen. */
    private static boolean invisible(int ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || Character.getType(ch) == Character.FORMAT;
    }
}
