package cn.finalaccounts.workbook;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FillPatternType;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.HorizontalAlignment;
import org.apache.poi.ss.usermodel.IndexedColors;
import org.apache.poi.ss.usermodel.VerticalAlignment;
import org.apache.poi.ss.usermodel.Workbook;

/** The few cell styles of the workbook, created once per workbook (Excel keeps at most 64,000). */
final class WorkbookStyles {
    /** Amounts as 决算 tables print them: thousands grouped, two decimals; the cell holds the number itself. */
    static final String AMOUNT_FORMAT = "#,##0.00";

    final CellStyle title;
    final CellStyle plain;
    final CellStyle right;
    final CellStyle header;
    final CellStyle code;
    final CellStyle line;
    final CellStyle[] label = new CellStyle[3];
    final CellStyle amount;
    /** A subtotal the platform derived, written as a formula: shaded, so that an officer sees it is computed. */
    final CellStyle derived;
    final CellStyle text;

    WorkbookStyles(Workbook wb) {
        Font bold = wb.createFont();
        bold.setBold(true);
        Font big = wb.createFont();
        big.setBold(true);
        big.setFontHeightInPoints((short) 16);
        short amountFormat = wb.createDataFormat().getFormat(AMOUNT_FORMAT);
        short textFormat = wb.createDataFormat().getFormat("@");

        title = wb.createCellStyle();
        title.setFont(big);
        title.setAlignment(HorizontalAlignment.CENTER);
        plain = wb.createCellStyle();
        right = wb.createCellStyle();
        right.setAlignment(HorizontalAlignment.RIGHT);

        header = bordered(wb);
        header.setFont(bold);
        header.setAlignment(HorizontalAlignment.CENTER);
        header.setVerticalAlignment(VerticalAlignment.CENTER);
        header.setWrapText(true);

        code = bordered(wb);
        code.setDataFormat(textFormat);
        line = bordered(wb);
        line.setAlignment(HorizontalAlignment.CENTER);
        for (int i = 0; i < label.length; i++) {
            label[i] = bordered(wb);
            label[i].setIndention((short) i);
        }
        amount = bordered(wb);
        amount.setDataFormat(amountFormat);
        derived = bordered(wb);
        derived.setDataFormat(amountFormat);
        derived.setFillForegroundColor(IndexedColors.GREY_25_PERCENT.getIndex());
        derived.setFillPattern(FillPatternType.SOLID_FOREGROUND);
        text = bordered(wb);
        text.setWrapText(true);
    }

    private static CellStyle bordered(Workbook wb) {
        CellStyle s = wb.createCellStyle();
        s.setBorderTop(BorderStyle.THIN);
        s.setBorderBottom(BorderStyle.THIN);
        s.setBorderLeft(BorderStyle.THIN);
        s.setBorderRight(BorderStyle.THIN);
        return s;
    }
}
