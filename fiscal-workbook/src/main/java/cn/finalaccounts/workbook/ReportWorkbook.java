package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.template.YearTemplate;
import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.poi.xssf.streaming.DeferredSXSSFWorkbook;

/**
 * A report, a 汇总 or the blank form as an Excel workbook (.xlsx): one sheet per 公开表 named {@code 公开01表} …
 * {@code 公开09表} laid out as the tables are printed (title, 公开05表, 编制单位 … 年度 … 单位：万元, the header with
 * its merged groups, the 栏次 row, then the rows), a sheet {@code 情况说明数字} for the figures the narrative quotes,
 * and last {@code 审核结果} with the findings, each naming its cell as {@code 公开05表!D7}.
 *
 * <p>Amounts are numeric cells formatted {@code #,##0.00}. How subtotals are written: a cell the platform derived
 * ({@link ReportCell#derived()}) becomes a formula, the SUM of the rows below it printed on the sheet, stored with the
 * derived figure as its calculated value (SXSSF keeps a formula's cached value); a figure the unit sent, subtotal or
 * not, is a typed number. {@link WorkbookReader} reads a formula in a subtotal row as "derived" and a typed number
 * there as a sent figure that the audit checks, so a report goes out and comes back with the same figures and the
 * same derived flags. A 汇总 has no such distinction: its cells are all written as numbers.
 *
 * <p>Streaming (POI's deferred SXSSF): the rows of a sheet are produced while the file is written, a small window at a
 * time, with no temporary files.
 */
public final class ReportWorkbook {
    /** Rows kept in memory per sheet while writing. */
    private static final int ROW_WINDOW = 100;

    private ReportWorkbook() {
    }

    /** A unit's report (derived subtotals as formulas) or a 汇总 (values), with its findings on the last sheet. */
    public static void write(YearTemplate template, WorkbookHeading heading, ReportBody body, List<Finding> findings,
            OutputStream out) throws IOException {
        Map<String, Map<String, Map<String, ReportCell>>> byTable = new HashMap<>();
        for (ReportTable t : body.tables()) {
            Map<String, Map<String, ReportCell>> rows = byTable.computeIfAbsent(t.table(), k -> new LinkedHashMap<>());
            for (ReportCell c : t.cells()) {
                rows.computeIfAbsent(c.row(), r -> new LinkedHashMap<>()).put(c.col(), c);
            }
        }
        Map<String, Set<String>> findingRows = new HashMap<>();
        for (Finding f : findings) {
            if (f.cell() != null) {
                findingRows.computeIfAbsent(f.cell().table(), k -> new TreeSet<>()).add(f.cell().row());
            }
        }
        try (DeferredSXSSFWorkbook wb = new DeferredSXSSFWorkbook(ROW_WINDOW)) {
            WorkbookStyles styles = new WorkbookStyles(wb);
            Map<String, SheetPlan> plans = new LinkedHashMap<>();
            for (TableTemplate table : template.tables()) {
                Map<String, Map<String, ReportCell>> cells = byTable.getOrDefault(table.id(), Map.of());
                SheetPlan plan = SheetPlan.of(table, printed(table, cells.keySet(),
                        findingRows.getOrDefault(table.id(), Set.of())));
                plans.put(table.id(), plan);
                new TableSheetWriter(plan, heading, body.amountUnit(), styles, cells)
                        .declare(wb.createSheet(plan.sheetName));
            }
            new FindingsSheetWriter(findings, plans, heading, styles).declare(wb.createSheet(FindingsSheetWriter.SHEET));
            wb.write(out);
        }
    }

    /**
     * The blank form of the year (空白表样): every fixed row and every catalogue 科目 row at each table's levels,
     * amounts empty, subtotal rows as formulas, for a unit to fill in Excel and send back.
     */
    public static void blank(YearTemplate template, OutputStream out) throws IOException {
        WorkbookHeading heading = new WorkbookHeading(null, "", template.year(), WorkbookHeading.Kind.BLANK);
        try (DeferredSXSSFWorkbook wb = new DeferredSXSSFWorkbook(ROW_WINDOW)) {
            WorkbookStyles styles = new WorkbookStyles(wb);
            for (TableTemplate table : template.tables()) {
                SheetPlan plan = SheetPlan.of(table, table.allRows());
                new TableSheetWriter(plan, heading, AmountUnit.WAN_YUAN, styles, null)
                        .declare(wb.createSheet(plan.sheetName));
            }
            // The formulas of the empty form are computed by Excel when the officer opens it.
            wb.setForceFormulaRecalculation(true);
            wb.write(out);
        }
    }

    /**
     * The rows a report's sheet prints: a table with a fixed list of rows prints them all; a table of 科目 prints its
     * fixed rows (合计 first), the 科目 that have figures or findings, and the 类 and 款 above them.
     */
    static List<RowTemplate> printed(TableTemplate table, Set<String> filledRows, Set<String> findingRows) {
        if (table.subjectRows().isEmpty() || SheetPlan.isTwoSided(table)) {
            return table.allRows();
        }
        Set<String> ids = new TreeSet<>(table.rowOrder());
        table.fixedRows().forEach(r -> ids.add(r.id()));
        for (Set<String> source : List.of(filledRows, findingRows)) {
            for (String id : source) {
                String at = id;
                while (at != null && table.row(at).isPresent()) {
                    ids.add(at);
                    at = table.parentOf(at).orElse(null);
                }
            }
        }
        return ids.stream().map(id -> table.row(id).orElseThrow()).toList();
    }
}
