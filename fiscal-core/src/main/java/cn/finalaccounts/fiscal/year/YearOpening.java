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
import java.util.Set;

/**
 * The dry run of opening year N from the lists a bureau received, against year N−1: what each list changes, and
 * every reason the year cannot open — a fault of a list's line, or a template row or 审核公式 inherited from N−1 that
 * names a code the new lists no longer have. Nothing here opens anything: the year opens only from a plan without
 * problems, all or nothing.
 */
public final class YearOpening {
    /** What opening would do; {@code inherited} names the lists not given, taken over from N−1 unchanged. */
    public record Plan(int year, int previousYear, Map<Classification, CatalogueChanges> changes,
            List<Classification> inherited, List<YearFileProblem> problems) {
        public boolean opens() {
            return problems.isEmpty();
        }
    }

    private YearOpening() {
    }

    /**
     * The files of year N as a bureau gives them, by classification: the lists ({@code functional.csv},
     * {@code economic.csv}) and, optionally, the mappings of changed codes ({@code functional-mapping.csv},
     * {@code economic-mapping.csv}). A list not given is inherited from N−1; a mapping needs its list.
     */
    public record YearFiles(Map<Classification, byte[]> lists, Map<Classification, byte[]> mappings) {
        public static YearFiles lists(Map<Classification, byte[]> lists) {
            return new YearFiles(lists, Map.of());
        }
    }

    public static Plan dryRun(FiscalYear previous, int year, YearFiles files) {
        List<YearFileProblem> problems = new ArrayList<>();
        if (year != previous.year() + 1) {
            problems.add(new YearFileProblem("year", 0, null, "year " + year + " cannot follow " + previous.year()
                    + ": years open one after the other"));
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
                    problems.add(new YearFileProblem(c.id() + "-mapping.csv", 0, null, "maps codes of a list that is"
                            + " not given: give this year's " + c.id() + ".csv with it"));
                }
                continue;
            }
            CatalogueFile.Read list = CatalogueFile.read(c.id() + ".csv", c, listFile);
            problems.addAll(list.problems());
            Set<String> listed = new HashSet<>();
            list.lines().forEach(l -> listed.add(l.code()));
            codes.addAll(listed);
            CodeMapping mapping = CodeMapping.none();
            if (mappingFile != null) {
                CodeMapping.Read read = CodeMapping.read(c.id() + "-mapping.csv", c, mappingFile, previous.catalogue(c),
                        listed);
                problems.addAll(read.problems());
                mapping = read.mapping();
            }
            changes.put(c, CatalogueChanges.between(previous.catalogue(c), list.lines(), mapping));
        }
        if (problems.isEmpty()) {
            problems.addAll(templateReferences(previous, codes));
            problems.addAll(ruleReferences(previous, codes));
        }
        return new Plan(year, previous.year(), Map.copyOf(changes), List.copyOf(inherited), List.copyOf(problems));
    }

    /** Fixed rows keyed by a code (01表's 类 rows) and the rows a fixed row adds up (人员经费合计 = 301 + 303). */
    private static List<YearFileProblem> templateReferences(FiscalYear previous, Set<String> codes) {
        List<YearFileProblem> problems = new ArrayList<>();
        for (TableTemplate table : previous.template().tables()) {
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

    private static List<YearFileProblem> ruleReferences(FiscalYear previous, Set<String> codes) {
        List<YearFileProblem> problems = new ArrayList<>();
        for (AuditRule rule : previous.rules().rules()) {
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
