package cn.finalaccounts.fiscal.year;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.template.SubjectRows;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The figures a comparison with last year reads for a unit of year N — the cross-year 审核公式 ({@code prev(…)}) and
 * the 情况说明's 比上年 sentences: its own report of N−1, or, for a unit formed by merging others, the sum of their
 * N−1 reports; in either case in year N's codes, through the mapping N was opened with (a renumbered code moves,
 * merged codes add up, a split code's figure cannot be shared out and is left out, named in {@code notCarried}).
 */
public final class LastYear {
    /** Last year's figures in N's codes, completed with N's subtotals; {@code notCarried} names the rows left out. */
    public record Figures(ReportBody report, Set<String> notCarried) {
    }

    private LastYear() {
    }

    /**
     * @param reports  the N−1 reports: the unit's own (one), or its merged predecessors' (several)
     * @param mappings year N's mappings of changed codes by classification (none for a list without one)
     */
    public static Figures of(String unit, FiscalYear year, List<ReportBody> reports,
            Map<Classification, CodeMapping> mappings) {
        CellSheet sum = new CellSheet();
        Set<String> notCarried = new TreeSet<>();
        for (ReportBody report : reports) {
            report.toSheet().cells().forEach((key, amount) -> {
                CodeMapping mapping = mappings.getOrDefault(classificationOf(year, key.table()), CodeMapping.none());
                List<String> next = isCode(key.row()) ? mapping.successorsOf(key.row()) : List.of();
                if (next.isEmpty()) {
                    sum.add(key, amount);
                } else if (next.size() == 1) {
                    sum.add(new CellKey(key.table(), next.get(0), key.col()), amount);
                } else {
                    next.forEach(code -> notCarried.add("T" + key.table() + "." + code));
                }
            });
        }
        CellSheet carried = new CellSheet();
        sum.cells().forEach((k, amount) -> {
            if (!notCarried.contains("T" + k.table() + "." + k.row())) {
                carried.add(k, amount);
            }
        });
        ReportBody combined = ReportBody.fromSheet(unit, year.year(), carried);
        return new Figures(SubtotalDeriver.complete(combined, year), Set.copyOf(notCarried));
    }

    /** The classification a table's code rows are of: its subject rows', or (01表's 类 rows) the functional one. */
    private static Classification classificationOf(FiscalYear year, String table) {
        return year.template().table(table).flatMap(TableTemplate::subjectRows).map(SubjectRows::classification)
                .orElse(Classification.FUNCTIONAL);
    }

    private static boolean isCode(String row) {
        return !row.isEmpty() && row.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
