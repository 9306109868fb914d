package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.money.Amounts;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.regex.Pattern;

/**
 * Reads one amount cell. A number is taken exactly as Excel holds it ({@code BigDecimal.valueOf(double)}, which gives
 * back the figure typed); a formula's binary noise past Excel's 15 significant digits (0.1 + 0.2 stored as
 * 0.30000000000000004) is dropped as Excel drops it when it shows the value. Text holding a number is accepted as
 * "1234.5" or "1,234.50" (thousands grouped by commas, three digits each); "1.234,50", "12,34" and "abc" are refused,
 * as is anything with more decimals than the amount unit allows.
 */
final class AmountReading {
    private static final Pattern PLAIN = Pattern.compile("-?\\d+(\\.\\d+)?");
    private static final Pattern GROUPED = Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");
    private static final MathContext EXCEL_DIGITS = new MathContext(15);
    static final String NO_CALCULATED_VALUE = "a formula without a calculated value: open and save it in Excel, or"
            + " type the figure";

    /** Either the amount in the report's string form ("1234.50") or why the cell was refused. */
    record Result(String amount, String problem) {
    }

    private AmountReading() {
    }

    static Result read(RawCell cell) {
        return switch (cell.kind()) {
            case NUMBER -> number(cell.value());
            case TEXT -> text(cell.value());
            case NO_VALUE -> refused(NO_CALCULATED_VALUE);
            case ERROR -> refused("the cell shows the error " + cell.value() + (cell.formula()
                    ? " from its formula; correct the formula or type the figure" : "; type the figure"));
            case BOOLEAN -> refused("'" + cell.value() + "' is not an amount; type the figure");
            case DATE -> refused("a date is not an amount; type the figure");
        };
    }

    private static Result number(String stored) {
        double d;
        try {
            d = Double.parseDouble(stored);
        } catch (NumberFormatException e) {
            return refused("'" + stored + "' is not a number");
        }
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return refused("'" + stored + "' is not an amount");
        }
        BigDecimal amount = BigDecimal.valueOf(d);
        if (decimals(amount) > AmountUnit.MAX_SCALE) {
            BigDecimal asShown = amount.round(EXCEL_DIGITS);
            if (decimals(asShown) <= AmountUnit.MAX_SCALE) {
                amount = asShown;
            }
        }
        return scaled(amount, amount.toPlainString());
    }

    private static Result text(String text) {
        String p = Labels.plain(text);
        if (PLAIN.matcher(p).matches()) {
            return scaled(new BigDecimal(p), p);
        }
        if (GROUPED.matcher(p).matches()) {
            return scaled(new BigDecimal(p.replace(",", "")), p);
        }
        return refused("'" + text.strip() + "' is not an amount: type digits with at most one decimal point, such"
                + " as 1234.50, or with thousands grouped by commas, such as 1,234.50");
    }

    private static Result scaled(BigDecimal amount, String shown) {
        int decimals = decimals(amount);
        if (decimals > AmountUnit.MAX_SCALE) {
            return refused("'" + shown + "' has " + decimals + " decimals; at most " + AmountUnit.MAX_SCALE
                    + " are allowed");
        }
        return new Result(Amounts.format(amount), null);
    }

    /** Decimals that carry a digit: 12.50 has one, 12.345 three. */
    private static int decimals(BigDecimal amount) {
        return Math.max(0, amount.stripTrailingZeros().scale());
    }

    private static Result refused(String reason) {
        return new Result(null, reason);
    }
}
