package cn.finalaccounts.workbook;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFSheet;

/** Edits a sheet as an officer would in Excel: by cell address. */
final class Sheets {
    private Sheets() {
    }

    static Cell cell(XSSFSheet sheet, String ref) {
        CellReference r = new CellReference(ref);
        Row row = sheet.getRow(r.getRow());
        if (row == null) {
            row = sheet.createRow(r.getRow());
        }
        Cell cell = row.getCell(r.getCol());
        return cell != null ? cell : row.createCell(r.getCol());
    }

    static void type(XSSFSheet sheet, String ref, double value) {
        fresh(sheet, ref).setCellValue(value);
    }

    static void type(XSSFSheet sheet, String ref, String value) {
        fresh(sheet, ref).setCellValue(value);
    }

    /**
     * The cell emptied and made anew, keeping its style, as Excel stores a cell typed over: POI's setCellValue would
     * keep a formula (and set its calculated value) or keep an inline string beside the new value.
     */
    static Cell fresh(XSSFSheet sheet, String ref) {
        Cell old = cell(sheet, ref);
        var style = old.getCellStyle();
        Row row = old.getRow();
        int col = old.getColumnIndex();
        row.removeCell(old);
        Cell cell = row.createCell(col);
        cell.setCellStyle(style);
        return cell;
    }

    /** The sheet row (from 1, as Excel numbers them) whose column A holds {@code text}; -1 when none does. */
    static int rowOf(XSSFSheet sheet, int col, String text) {
        for (Row row : sheet) {
            Cell c = row.getCell(col);
            if (c != null && c.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                    && text.equals(c.getStringCellValue())) {
                return row.getRowNum() + 1;
            }
        }
        return -1;
    }
}
