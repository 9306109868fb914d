package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import java.math.BigDecimal;
import java.util.Map;

/**
 * The stored text of a kept 汇总: one line per non-zero cell, {@code table TAB row TAB col TAB amount}, the amount
 * an exact decimal. Plain text rather than JSON because a batch parses and rewrites the region's whole sheet
 * (thousands of cells) and a reader parses it on every request; this is several times cheaper and as exact.
 */
final class SheetText {
    private SheetText() {
    }

    static String format(CellSheet sheet) {
        StringBuilder out = new StringBuilder(sheet.size() * 32);
        for (Map.Entry<CellKey, BigDecimal> cell : sheet.cells().entrySet()) {
            if (cell.getValue().signum() == 0) {
                continue; // blank reads as zero; a cell netted to zero by a correction is not kept
            }
            CellKey key = cell.getKey();
            out.append(id(key.table())).append('\t').append(id(key.row())).append('\t').append(id(key.col()))
                    .append('\t').append(cell.getValue().toPlainString()).append('\n');
        }
        return out.toString();
    }

    static CellSheet parse(String text) {
        CellSheet sheet = new CellSheet();
        int at = 0;
        int length = text.length();
        while (at < length) {
            int t = text.indexOf('\t', at);
            int r = text.indexOf('\t', t + 1);
            int c = text.indexOf('\t', r + 1);
            int end = text.indexOf('\n', c + 1);
            if (t < 0 || r < 0 || c < 0 || end < 0) {
                throw new IllegalStateException("stored 汇总 is malformed at character " + at);
            }
            sheet.add(new CellKey(text.substring(at, t), text.substring(t + 1, r), text.substring(r + 1, c)),
                    new BigDecimal(text.substring(c + 1, end)));
            at = end + 1;
        }
        return sheet;
    }

    /** Template ids never hold a tab or a line break; one that did would split a line, so it is refused. */
    private static String id(String id) {
        if (id.indexOf('\t') >= 0 || id.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("cell id with a tab or line break: " + id);
        }
        return id;
    }
}
