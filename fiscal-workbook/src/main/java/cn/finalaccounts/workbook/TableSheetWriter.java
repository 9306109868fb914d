package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.template.RowTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * Writes one 公开表 as {@link SheetPlan} lays it out. The sheet's rows are generated while the workbook is being
 * written (a row window, no temporary files); merges and widths are declared before.
 *
 * <p>A derived subtotal ({@code "derived": true}) is written as a formula summing the rows below it that are printed on
 * the sheet, with the derived figure as its calculated value: an officer who changes a 项 in Excel sees the 款, 类 and
 * 合计 follow, and the reader, finding a formula in a subtotal row, leaves the figure to the platform to derive again.
 * A subtotal the unit sent is written as the typed figure it is, and read back as one. In the blank form every
 * subtotal cell is such a formula.
 */
final class TableSheetWriter {
    /** Excel's SUM takes at most 255 arguments; longer lists are added up in parts. */
    private static final int SUM_ARGUMENTS = 255;

    private final SheetPlan plan;
    private final WorkbookHeading heading;
    private final AmountUnit unit;
    private final WorkbookStyles styles;
    /** row → 栏次 → cell; null for the blank form. */
    private final Map<String, Map<String, ReportCell>> cells;

    TableSheetWriter(SheetPlan plan, WorkbookHeading heading, AmountUnit unit, WorkbookStyles styles,
            Map<String, Map<String, ReportCell>> cells) {
        this.plan = plan;
        this.heading = heading;
        this.unit = unit;
        this.styles = styles;
        this.cells = cells;
    }

    void declare(DeferredSXSSFSheet sheet) {
        int last = plan.width - 1;
        if (last > 0) {
            sheet.addMergedRegion(new CellRangeAddress(SheetPlan.TITLE_ROW, SheetPlan.TITLE_ROW, 0, last));
        }
        for (SheetPlan.HeaderCell h : plan.header) {
            if (h.lastRow() > h.row() || h.lastCol() > h.col()) {
                sheet.addMergedRegion(new CellRangeAddress(h.row(), h.lastRow(), h.col(), h.lastCol()));
            }
        }
        for (SheetPlan.Block b : plan.blocks) {
            if (b.codeCol() != null) {
                sheet.setColumnWidth(b.codeCol(), 14 * 256);
                // The 栏次 row's "栏次" spans 科目编码 and 科目名称, as printed.
                sheet.addMergedRegion(new CellRangeAddress(plan.lanciRow, plan.lanciRow, b.codeCol(), b.labelCol()));
            }
            if (b.labelCol() != null) {
                sheet.setColumnWidth(b.labelCol(), (b.codeCol() != null ? 34 : 30) * 256);
            }
            if (b.lineCol() != null) {
                sheet.setColumnWidth(b.lineCol(), 6 * 256);
            }
            b.amountCols().values().forEach(c -> sheet.setColumnWidth(c, 16 * 256));
        }
        sheet.createFreezePane(0, plan.firstDataRow);
        sheet.setRowGenerator(this::generate);
    }

    private void generate(SXSSFSheet sheet) {
        int last = plan.width - 1;
        Row title = sheet.createRow(SheetPlan.TITLE_ROW);
        text(title, 0, plan.table.name(), styles.title);

        Row codeRow = sheet.createRow(SheetPlan.CODE_ROW);
        String year = heading.year() + "年度";
        boolean roomForYear = plan.width >= 3;
        text(codeRow, 0, roomForYear ? heading.kind().label() : year + "　" + heading.kind().label(), styles.plain);
        text(codeRow, last, plan.table.code(), styles.right);

        Row headingRow = sheet.createRow(SheetPlan.HEADING_ROW);
        text(headingRow, 0, heading.preparedBy(), styles.plain);
        if (roomForYear) {
            text(headingRow, plan.width / 2, year, styles.plain);
        }
        text(headingRow, last, "单位：" + unit.label(), styles.right);

        List<Row> headerRows = new ArrayList<>();
        for (int r = SheetPlan.HEADER_TOP; r < plan.lanciRow; r++) {
            Row row = sheet.createRow(r);
            for (int c = 0; c <= last; c++) {
                row.createCell(c).setCellStyle(styles.header);
            }
            headerRows.add(row);
        }
        for (SheetPlan.HeaderCell h : plan.header) {
            headerRows.get(h.row() - SheetPlan.HEADER_TOP).getCell(h.col()).setCellValue(h.text());
        }

        Row lanci = sheet.createRow(plan.lanciRow);
        for (int c = 0; c <= last; c++) {
            lanci.createCell(c).setCellStyle(styles.header);
        }
        for (SheetPlan.Block b : plan.blocks) {
            Integer first = b.codeCol() != null ? b.codeCol() : b.labelCol();
            if (first != null) {
                lanci.getCell(first).setCellValue("栏    次");
            }
            b.amountCols().forEach((colId, c) -> lanci.getCell(c).setCellValue(Integer.parseInt(colId)));
        }

        for (int i = 0; i < plan.dataRowCount(); i++) {
            Row row = sheet.createRow(plan.firstDataRow + i);
            for (SheetPlan.Block b : plan.blocks) {
                if (i < b.rows().size()) {
                    dataRow(row, b, b.rows().get(i), i);
                }
            }
        }
    }

    private void dataRow(Row row, SheetPlan.Block b, RowTemplate template, int index) {
        if (b.codeCol() != null) {
            text(row, b.codeCol(), template.code() != null ? template.code() : "", styles.code);
        }
        if (b.labelCol() != null) {
            text(row, b.labelCol(), label(b, template, index), labelStyle(template));
        }
        if (b.lineCol() != null) {
            Cell line = row.createCell(b.lineCol());
            line.setCellStyle(styles.line);
            if (template.line() != null) {
                line.setCellValue(template.line());
            }
        }
        Map<String, ReportCell> filled = cells == null ? Map.of() : cells.getOrDefault(template.id(), Map.of());
        boolean subtotal = Subtotals.isSubtotal(plan.table, template.id());
        for (Map.Entry<String, Integer> col : b.amountCols().entrySet()) {
            Cell cell = row.createCell(col.getValue());
            cell.setCellStyle(styles.amount);
            if (!template.allows(col.getKey())) {
                continue;
            }
            ReportCell value = filled.get(col.getKey());
            boolean formula = cells == null ? subtotal : value != null && Boolean.TRUE.equals(value.derived());
            String sum = formula ? sumOfChildren(b, template, col.getValue()) : null;
            if (sum != null) {
                cell.setCellFormula(sum);
                // The calculated value stored beside the formula: the derived figure, or 0 in the blank form.
                cell.setCellValue(value != null ? value.amount().doubleValue() : 0d);
                cell.setCellStyle(styles.derived);
            } else if (value != null) {
                AmountCells.write(cell, value.amount(), styles.amount);
            }
        }
    }

    /** The printed label; the 类 of a two-sided table numbered as printed: "七、社会保障和就业支出". */
    private String label(SheetPlan.Block b, RowTemplate template, int index) {
        if (b.lineCol() != null && template.code() != null) {
            int n = 0;
            for (int i = 0; i <= index; i++) {
                if (b.rows().get(i).code() != null) {
                    n++;
                }
            }
            return Labels.ordinal(n) + template.label();
        }
        return template.label();
    }

    private CellStyle labelStyle(RowTemplate template) {
        if (template.level() == null) {
            return styles.label[0];
        }
        return styles.label[SubjectLevel.fromLabel(template.level()).ordinal()];
    }

    /** "SUM(C9,C12)" over the printed rows that add into {@code parent}; null when none is printed. */
    private String sumOfChildren(SheetPlan.Block b, RowTemplate parent, int col) {
        List<String> refs = new ArrayList<>();
        for (RowTemplate child : Subtotals.children(plan.table, b.rows(), parent.id())) {
            if (child.allows(plan.table.columns().stream().filter(c -> b.amountCols().get(c.id()) == col)
                    .findFirst().map(c -> c.id()).orElse(""))) {
                refs.add(new CellReference(plan.sheetRow(child.id()), col).formatAsString(false));
            }
        }
        if (refs.isEmpty()) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < refs.size(); i += SUM_ARGUMENTS) {
            parts.add("SUM(" + String.join(",", refs.subList(i, Math.min(refs.size(), i + SUM_ARGUMENTS))) + ")");
        }
        return String.join("+", parts);
    }

    private static void text(Row row, int col, String value, CellStyle style) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value);
        cell.setCellStyle(style);
    }
}
