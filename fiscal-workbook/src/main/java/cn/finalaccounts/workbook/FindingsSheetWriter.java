package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.audit.Severity;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.DeferredSXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * The last sheet, 审核结果 (audit findings): one line per finding with the cell it is about as an address an officer
 * can go to ({@code 公开05表!D7}). The reader ignores this sheet: findings are computed, never taken in.
 */
final class FindingsSheetWriter {
    static final String SHEET = "审核结果";
    private static final String[] HEADER = {"规则", "级别", "单元格", "项目", "表中数", "应为", "差额", "审核说明",
        "Message", "审核公式"};
    private static final int[] WIDTHS = {8, 6, 16, 44, 14, 14, 14, 50, 50, 40};

    private final List<Finding> findings;
    private final Map<String, SheetPlan> plans;
    private final WorkbookHeading heading;
    private final WorkbookStyles styles;

    FindingsSheetWriter(List<Finding> findings, Map<String, SheetPlan> plans, WorkbookHeading heading,
            WorkbookStyles styles) {
        this.findings = findings;
        this.plans = plans;
        this.heading = heading;
        this.styles = styles;
    }

    void declare(DeferredSXSSFSheet sheet) {
        for (int i = 0; i < WIDTHS.length; i++) {
            sheet.setColumnWidth(i, WIDTHS[i] * 256);
        }
        sheet.createFreezePane(0, 2);
        sheet.setRowGenerator(this::generate);
    }

    private void generate(SXSSFSheet sheet) {
        Row title = sheet.createRow(0);
        title.createCell(0).setCellValue(SHEET + "（" + heading.kind().label() + " " + heading.preparedBy() + " "
                + heading.year() + "年度，共 " + findings.size() + " 条）");
        Row header = sheet.createRow(1);
        for (int i = 0; i < HEADER.length; i++) {
            Cell c = header.createCell(i);
            c.setCellValue(HEADER[i]);
            c.setCellStyle(styles.header);
        }
        int r = 2;
        for (Finding f : findings) {
            Row row = sheet.createRow(r++);
            text(row, 0, f.rule());
            text(row, 1, severity(f.severity()));
            text(row, 2, address(f.cell()));
            text(row, 3, f.cell() == null ? "" : f.cell().label());
            amount(row, 4, f.printed());
            amount(row, 5, f.expected());
            amount(row, 6, f.difference());
            text(row, 7, f.messageZh());
            text(row, 8, f.messageEn());
            text(row, 9, f.check());
        }
    }

    private String address(Finding.CellRef cell) {
        if (cell == null) {
            return "";
        }
        SheetPlan plan = plans.get(cell.table());
        String address = plan == null ? null : plan.address(cell.row(), cell.col());
        return address != null ? address : cell.table() + "." + cell.row() + "." + cell.col();
    }

    static String severity(Severity s) {
        return switch (s) {
            case ERROR -> "错误";
            case WARNING -> "警告";
            case INFO -> "提示";
        };
    }

    private void amount(Row row, int col, String value) {
        Cell cell = row.createCell(col);
        cell.setCellStyle(styles.amount);
        if (value == null) {
            return;
        }
        try {
            AmountCells.write(cell, new BigDecimal(value), styles.amount);
        } catch (NumberFormatException e) {
            cell.setCellValue(value);
        }
    }

    private void text(Row row, int col, String value) {
        Cell cell = row.createCell(col);
        cell.setCellValue(value == null ? "" : value);
        cell.setCellStyle(styles.text);
    }
}
