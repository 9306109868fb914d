package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which codes of year N−1 became which of year N, from the mapping file that may come with a year's list (one per
 * classification; header {@code 原科目编码,新科目编码} or {@code old,new}; a line per pair). What a pair is follows
 * from the pairs: a code with one successor that has one predecessor was renumbered, a code with several successors
 * was split, a code with several predecessors was merged from them. Cross-year comparisons go through it: last
 * year's figures are carried into this year's codes ({@link #carryOver}).
 */
public final class CodeMapping {
    public enum Kind { RENUMBERED, SPLIT, MERGED }

    /** One pair; {@code line} is its line in the file. */
    public record Pair(int line, String before, String after) {
    }

    /** The pairs that could be read, and every problem with its line. */
    public record Read(CodeMapping mapping, List<YearFileProblem> problems) {
    }

    /** Last year's figures in this year's codes, and the codes whose figures cannot be carried (split). */
    public record CarriedOver(Map<String, BigDecimal> amounts, Set<String> notCarried) {
    }

    private static final List<String> OLD = List.of("原科目编码", "old");
    private static final List<String> NEW = List.of("新科目编码", "new");

    private final List<Pair> pairs;
    private final Map<String, List<String>> successors = new LinkedHashMap<>();
    private final Map<String, List<String>> predecessors = new LinkedHashMap<>();

    private CodeMapping(List<Pair> pairs) {
        this.pairs = List.copyOf(pairs);
        for (Pair p : pairs) {
            successors.computeIfAbsent(p.before(), k -> new ArrayList<>()).add(p.after());
            predecessors.computeIfAbsent(p.after(), k -> new ArrayList<>()).add(p.before());
        }
    }

    public static CodeMapping none() {
        return new CodeMapping(List.of());
    }

    /**
     * Reads and checks a mapping against the two years' codes: each old code must be one of N−1's, each new code one
     * of N's, no pair twice, no code mapped to itself.
     */
    public static Read read(String file, Classification classification, byte[] csv, SubjectCatalogue previous,
            Set<String> next) {
        List<YearFileProblem> problems = new ArrayList<>();
        String[] rows = YearCsv.rows(csv);
        String[] header = rows[0].split(",", -1);
        int old = YearCsv.column(header, OLD);
        int now = YearCsv.column(header, NEW);
        if (old < 0 || now < 0) {
            problems.add(new YearFileProblem(file, 1, null, "the header must name the columns 原科目编码 (or old) and"
                    + " 新科目编码 (or new); it reads \"" + rows[0] + "\""));
            return new Read(none(), List.copyOf(problems));
        }
        List<Pair> pairs = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (YearCsv.Row row : YearCsv.body(file, rows, problems)) {
            int number = row.number();
            String before = row.field(old);
            String after = row.field(now);
            int problemsBefore = problems.size();
            if (previous.find(before).isEmpty()) {
                problems.add(new YearFileProblem(file, number, "原科目编码", before + " is not a " + classification.id()
                        + " code of " + "the year before"));
            }
            if (!next.contains(after)) {
                problems.add(new YearFileProblem(file, number, "新科目编码", after + " is not in this year's "
                        + classification.id() + " list"));
            }
            if (before.equals(after)) {
                problems.add(new YearFileProblem(file, number, null, before + " is mapped to itself"));
            }
            Integer first = seen.putIfAbsent(before + "→" + after, number);
            if (first != null) {
                problems.add(new YearFileProblem(file, number, null, before + " → " + after
                        + " is listed twice (first on line " + first + ")"));
            }
            if (problems.size() == problemsBefore) {
                pairs.add(new Pair(number, before, after));
            }
        }
        problems.sort(java.util.Comparator.comparingInt(YearFileProblem::line));
        return new Read(new CodeMapping(pairs), List.copyOf(problems));
    }

    public List<Pair> pairs() {
        return pairs;
    }

    public List<String> successorsOf(String before) {
        return successors.getOrDefault(before, List.of());
    }

    public List<String> predecessorsOf(String after) {
        return predecessors.getOrDefault(after, List.of());
    }

    public Kind kindOf(Pair pair) {
        if (successorsOf(pair.before()).size() > 1) {
            return Kind.SPLIT;
        }
        return predecessorsOf(pair.after()).size() > 1 ? Kind.MERGED : Kind.RENUMBERED;
    }

    /**
     * Last year's amounts by code, in this year's codes: an unmapped code keeps its figure, a renumbered one moves,
     * merged ones add up. A split code's figure cannot be shared out from the codes alone: its successors are in
     * {@code notCarried}, and a comparison of them says so instead of comparing.
     */
    public CarriedOver carryOver(Map<String, BigDecimal> lastYear) {
        Map<String, BigDecimal> amounts = new TreeMap<>();
        Set<String> notCarried = new TreeSet<>();
        lastYear.forEach((code, amount) -> {
            List<String> next = successorsOf(code);
            if (next.isEmpty()) {
                amounts.merge(code, amount, BigDecimal::add);
            } else if (next.size() == 1) {
                amounts.merge(next.get(0), amount, BigDecimal::add);
            } else {
                notCarried.addAll(next);
            }
        });
        notCarried.forEach(amounts::remove);
        return new CarriedOver(amounts, notCarried);
    }
}
