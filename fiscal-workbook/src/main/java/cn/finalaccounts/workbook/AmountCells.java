package cn.finalaccounts.workbook;

import java.math.BigDecimal;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;

/**
 * Writes an amount as a number when a double holds it exactly (every figure of up to 15 significant digits: all
 * 万元 figures under the ceiling, and 元 figures below 10¹³), otherwise as text, which the reader accepts too: a
 * figure is never rounded on its way out.
 */
final class AmountCells {
    private AmountCells() {
    }

    static boolean fitsDouble(BigDecimal amount) {
        return BigDecimal.valueOf(amount.doubleValue()).compareTo(amount) == 0;
    }

    static void write(Cell cell, BigDecimal amount, CellStyle style) {
        if (fitsDouble(amount)) {
            cell.setCellValue(amount.doubleValue());
        } else {
            cell.setCellValue(amount.toPlainString());
        }
        cell.setCellStyle(style);
    }
}
