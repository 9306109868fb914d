package cn.finalaccounts.workbook;

import java.math.BigDecimal;
import org.apache.poi.ss.util.CellReference;

/**
 * One cell as the sheet's XML stores it, before any interpretation: a number is kept as the text Excel wrote, a
 * formula says whether a calculated value was stored with it.
 */
record RawCell(int row, int col, Kind kind, String value, boolean formula) {

    enum Kind {
        NUMBER, TEXT, BOOLEAN, ERROR, DATE,
        /** A formula stored without its calculated value (written by a program that does not calculate). */
        NO_VALUE
    }

    /** "D9". */
    String reference() {
        return new CellReference(row, col).formatAsString(false);
    }

    /** The content as text, a number in plain notation ("2080109", not "2.080109E6"). */
    String text() {
        return switch (kind) {
            case NUMBER -> {
                try {
                    yield BigDecimal.valueOf(Double.parseDouble(value)).stripTrailingZeros().toPlainString();
                } catch (NumberFormatException e) {
                    yield value;
                }
            }
            case NO_VALUE -> "";
            default -> value;
        };
    }

    /** The content without whitespace (see {@link Labels#plain}). */
    String plain() {
        return Labels.plain(text());
    }

    boolean isBlank() {
        return kind == Kind.TEXT && plain().isEmpty();
    }

    /** A whole number such as a 栏次 or 行次 ("3", 3.0), or null. */
    Integer wholeNumber() {
        String p = plain();
        if (kind != Kind.NUMBER && kind != Kind.TEXT || p == null || !p.matches("\\d{1,4}")) {
            return null;
        }
        return Integer.parseInt(p);
    }
}
