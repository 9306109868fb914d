package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.audit.AuditRule;
import cn.finalaccounts.fiscal.audit.Formula;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The dry run of opening year N from the lists a bureau received, against year N−1: what each list changes, and
 * every reason the year cannot open — a fault of a list's line, or a template row or 审核公式 inherited from N−1 that
 * names a code the new lists no longer have. Nothing here opens anything: the year opens only from a plan without
 * problems, all or nothing.
 */
public final class YearOpening {
    /**
     * What opening would do; {@code inherited} names the lists not given, taken over from N−1 unchanged, and
     * {@code sources} the files N opens with (null while there are problems).
     */
    public record Plan(int year, int previousYear, Map<Classification, CatalogueChanges> changes,
            List<Classification> inherited, List<YearFileProblem> problems, YearSources sources) {
        public boolean opens() {
            return problems.isEmpty();
        }
    }

    private YearOpening() {
    }

    /**
     * The files of year N as a bureau gives them: the lists by classification ({@code functional.csv},
     * {@code economic.csv}), optionally the mappings of changed codes ({@code functional-mapping.csv},
     * {@code economic-mapping.csv}) and, by file name, a new template, rule book, named figures or 情况说明 rules
     * ({@link #REPLACEABLE}). What is not given is inherited from N−1; a mapping needs its list.
     */
    public record YearFiles(Map<Classification, byte[]> lists, Map<Classification, byte[]> mappings,
            Map<String, byte[]> others) {
        public YearFiles(Map<Classification, byte[]> lists, Map<Classification, byte[]> mappings) {
            this(lists, mappings, Map.of());
        }

        public static YearFiles lists(Map<Classification, byte[]> lists) {
            return new YearFiles(lists, Map.of());
        }
    }

    /** The files besides the lists that a year may be given anew rather than inherit. */
    public static final List<String> REPLACEABLE = List.of(YearSources.TEMPLATES, YearSources.AUDIT_RULES,
            YearSources.NAMED_FIGURES, YearSources.NARRATIVE_RULES);

    public static Plan dryRun(YearSources previousSources, FiscalYear previous, int year, YearFiles files) {
        List<YearFileProblem> problems = new ArrayList<>();
        // A year follows the one before it; the one year before the first open year is opened from that first one.
        if (year != previous.year() + 1 && year != previous.year() - 1) {
            problems.add(new YearFileProblem("year", 0, null, "year " + year + " is not next to " + previous.year()
                    + ": years open one after the other, or one before the first"));
        }
        Map<Classification, CatalogueChanges> changes = new EnumMap<>(Classification.class);
        List<Classification> inherited = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (Classification c : Classification.values()) {
            byte[] listFile = files.lists().get(c);
            byte[] mappingFile = files.mappings().get(c);
            if (listFile == null) {
                inherited.add(c);
                previous.catalogue(c).subjects().forEach(s -> codes.add(s.code()));
                if (mappingFile != null) {
                    problems.add(new YearFileProblem(YearSources.mapping(c), 0, null, "maps codes of a list that is"
                            + " not given: give this year's " + YearSources.list(c) + " with it"));
                }
                continue;
            }
            CatalogueFile.Read list = CatalogueFile.read(YearSources.list(c), c, listFile);
            problems.addAll(list.problems());
            Set<String> listed = new HashSet<>();
            list.lines().forEach(l -> listed.add(l.code()));
            codes.addAll(listed);
            CodeMapping mapping = CodeMapping.none();
            if (mappingFile != null) {
                CodeMapping.Read read = CodeMapping.read(YearSources.mapping(c), c, mappingFile,
                        previous.catalogue(c), listed);
                problems.addAll(read.problems());
                mapping = read.mapping();
            }
            changes.put(c, CatalogueChanges.between(previous.catalogue(c), list.lines(), mapping));
        }
        files.others().keySet().stream().filter(name -> !REPLACEABLE.contains(name)).forEach(name -> problems.add(
                new YearFileProblem(name, 0, null, "not a file a year is given: " + String.join(", ", REPLACEABLE))));
        YearSources sources = null;
        if (problems.isEmpty()) {
            sources = sources(previousSources, year, files);
            try {
                FiscalYear candidate = YearBuilder.build(sources, Optional.of(previous));
                problems.addAll(templateReferences(candidate, codes));
                problems.addAll(ruleReferences(candidate, codes));
            } catch (RuntimeException e) {
                // A rule file names itself at the head of its message; anything else is the year as a whole.
                String file = REPLACEABLE.stream().filter(f -> String.valueOf(e.getMessage()).startsWith(f + " "))
                        .findFirst().orElse(null);
                problems.add(file == null
                        ? new YearFileProblem("year", 0, null, "the year does not read: " + e.getMessage())
                        : new YearFileProblem(file, 0, null, e.getMessage().substring(file.length() + 1)));
            }
        }
        return new Plan(year, previous.year(), Map.copyOf(changes), List.copyOf(inherited), listed(problems),
                problems.isEmpty() ? sources : null);
    }

    /** Problems listed at most; a file with more is not a year's list, and the answer stays small. */
    static final int MAX_LISTED = 1000;

    private static List<YearFileProblem> listed(List<YearFileProblem> problems) {
        if (problems.size() <= MAX_LISTED) {
            return List.copyOf(problems);
        }
        List<YearFileProblem> first = new ArrayList<>(problems.subList(0, MAX_LISTED));
        first.add(new YearFileProblem("year", 0, null, "and " + (problems.size() - MAX_LISTED) + " more problems, not"
                + " listed: the first " + MAX_LISTED + " are"));
        return List.copyOf(first);
    }

    /** N's files: those given, and N−1's for the rest (never N−1's mappings: they map N−2's codes). */
    private static YearSources sources(YearSources previous, int year, YearFiles files) {
        Map<String, byte[]> out = new TreeMap<>();
        for (String name : YearSources.REQUIRED) {
            out.put(name, previous.file(name));
        }
        files.lists().forEach((c, content) -> out.put(YearSources.list(c), content.clone()));
        files.mappings().forEach((c, content) -> out.put(YearSources.mapping(c), content.clone()));
        files.others().forEach((name, content) -> out.put(name, content.clone()));
        return new YearSources(year, out);
    }

    /** Fixed rows keyed by a code (01表's 类 rows) and the rows a fixed row adds up (人员经费合计 = 301 + 303). */
    private static List<YearFileProblem> templateReferences(FiscalYear year, Set<String> codes) {
        List<YearFileProblem> problems = new ArrayList<>();
        for (TableTemplate table : year.template().tables()) {
            for (RowTemplate row : table.fixedRows()) {
                List<String> named = new ArrayList<>();
                if (isCode(row.id())) {
                    named.add(row.id());
                }
                table.sumOf(row.id()).ifPresent(named::addAll);
                for (String code : named) {
                    if (isCode(code) && !codes.contains(code)) {
                        problems.add(new YearFileProblem("templates.json", 0, "table " + table.id() + ", row "
                                + row.id(), "names " + code + ", which the new lists no longer have"));
                    }
                }
            }
        }
        return problems;
    }

    private static List<YearFileProblem> ruleReferences(FiscalYear year, Set<String> codes) {
        List<YearFileProblem> problems = new ArrayList<>();
        for (AuditRule rule : year.rules().rules()) {
            for (Formula f : rule.formulas()) {
                for (String code : f.subjectCodes()) {
                    if (!codes.contains(code)) {
                        problems.add(new YearFileProblem("audit-rules.json", 0, "rule " + rule.id(), "\"" + f.text()
                                + "\" names " + code + ", which the new lists no longer have"));
                    }
                }
            }
        }
        return problems;
    }

    private static boolean isCode(String id) {
        return !id.isEmpty() && id.chars().allMatch(ch -> ch >= '0' && ch <= '9');
    }
}
