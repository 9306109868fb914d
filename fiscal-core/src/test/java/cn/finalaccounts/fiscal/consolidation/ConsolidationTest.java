package cn.finalaccounts.fiscal.consolidation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A supervising unit pays its subordinate a 对附属单位补助支出 of 100.00 on 2080109 and the subordinate books 80.00
 * of 上级补助收入 on it: 80.00 is eliminated on both sides, 20.00 of expenditure is left unmatched, and the
 * consolidated tables still pass the audit.
 */
class ConsolidationTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    @Test
    void theMatchedPartOfAnInternalSubsidyLeavesBothSidesAndTheTotals() {
        CellSheet supervisor = sheet(report("P", List.of(
                cell("01", "general_budget_appropriation", "1", "500.00"), cell("01", "income_total", "1", "500.00"),
                cell("01", "income_grand_total", "1", "500.00"), cell("01", "208", "2", "500.00"),
                cell("01", "expense_total", "2", "500.00"), cell("01", "expense_grand_total", "2", "500.00"),
                cell("02", "2080109", "1", "500.00"), cell("02", "2080109", "2", "500.00"),
                cell("03", "2080109", "1", "500.00"), cell("03", "2080109", "2", "400.00"),
                cell("03", "2080109", "6", "100.00"))));
        CellSheet subordinate = sheet(report("U", List.of(
                cell("01", "superior_subsidy_income", "1", "80.00"), cell("01", "income_total", "1", "80.00"),
                cell("01", "income_grand_total", "1", "80.00"), cell("01", "208", "2", "80.00"),
                cell("01", "expense_total", "2", "80.00"), cell("01", "expense_grand_total", "2", "80.00"),
                cell("02", "2080109", "1", "80.00"), cell("02", "2080109", "3", "80.00"),
                cell("03", "2080109", "1", "80.00"), cell("03", "2080109", "2", "80.00"))));

        Consolidation.Result result = new Consolidation(Y2023).eliminate(Map.of("P", supervisor, "U", subordinate),
                Map.of("P", List.of("U")));

        assertEquals(List.of(new Elimination(InternalFlow.SUBSIDY.label(), "P", List.of("U"), "2080109", "80.00",
                "100.00", "80.00", "0.00", "20.00")), result.eliminations());
        CellSheet consolidated = new CellSheet();
        consolidated.addAll(supervisor);
        consolidated.addAll(subordinate);
        consolidated.addAll(result.adjustment());
        assertEquals(new BigDecimal("0.00"), consolidated.cells().get(new CellKey("02", "total", "3")));
        assertEquals(new BigDecimal("500.00"), consolidated.cells().get(new CellKey("02", "total", "1")));
        assertEquals(new BigDecimal("20.00"), consolidated.cells().get(new CellKey("03", "total", "6")));
        assertEquals(new BigDecimal("500.00"), consolidated.cells().get(new CellKey("03", "208", "1")));
        assertEquals(new BigDecimal("500.00"), consolidated.cells().get(new CellKey("01", "income_total", "1")));
        assertEquals(new BigDecimal("0.00"), consolidated.cells().get(new CellKey("01", "superior_subsidy_income", "1")));
        assertEquals(new BigDecimal("500.00"), consolidated.cells().get(new CellKey("01", "expense_grand_total", "2")));

        // The consolidated tables still add up: no error finding from the within-table rules nor 03 against 01.
        ReportBody asReport = toReport(consolidated);
        assertEquals(List.of(), new Auditor(Y2023).audit(new AuditInput(asReport, null, null)).stream()
                .filter(f -> f.severity() == Severity.ERROR)
                .filter(f -> f.rule().startsWith("A") || f.rule().equals("B5"))
                .map(f -> f.rule() + "@" + f.cell().table() + "." + f.cell().row() + "." + f.cell().col()).toList());
    }

    @Test
    void unitsWithoutInternalFlowsHaveNothingEliminated() {
        CellSheet a = sheet(report("A", List.of(cell("03", "2080109", "1", "5.00"), cell("03", "2080109", "2", "5.00"))));
        Consolidation.Result result = new Consolidation(Y2023).eliminate(Map.of("A", a), Map.of());
        assertEquals(List.of(), result.eliminations());
        assertEquals(0, result.adjustment().size());
    }

    private static ReportBody report(String unit, List<ReportCell[]> cells) {
        Map<String, List<ReportCell>> byTable = new TreeMap<>();
        for (ReportCell[] c : cells) {
            byTable.computeIfAbsent(c[0].row(), t -> new ArrayList<>()).add(c[1]);
        }
        List<ReportTable> tables = new ArrayList<>();
        byTable.forEach((t, cs) -> tables.add(new ReportTable(t, cs)));
        return SubtotalDeriver.complete(new ReportBody(unit, 2023, AmountUnit.WAN_YUAN, tables), Y2023);
    }

    /** A (table marker, cell) pair: the first element's row carries the table id. */
    private static ReportCell[] cell(String table, String row, String col, String amount) {
        return new ReportCell[] {new ReportCell(table, "", BigDecimal.ZERO), new ReportCell(row, col, new BigDecimal(amount))};
    }

    private static CellSheet sheet(ReportBody report) {
        return report.toSheet();
    }

    private static ReportBody toReport(CellSheet sheet) {
        Map<String, List<ReportCell>> byTable = new TreeMap<>();
        sheet.cells().forEach((k, v) -> byTable.computeIfAbsent(k.table(), t -> new ArrayList<>())
                .add(new ReportCell(k.row(), k.col(), v)));
        List<ReportTable> tables = new ArrayList<>();
        byTable.forEach((t, cs) -> tables.add(new ReportTable(t, cs)));
        return new ReportBody("N", 2023, AmountUnit.WAN_YUAN, tables);
    }
}
