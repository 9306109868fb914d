package cn.finalaccounts.fiscal.audit;

import java.math.BigDecimal;

/**
 * How far two sides of a check may differ. Exact for figures entered and summed exactly; a 尾数 (rounding)
 * allowance of a fixed amount per summed cell only where the compared figures were each rounded on their own
 * (for instance the same cost classified two ways and converted to 万元 separately).
 */
public record Tolerance(BigDecimal perCell) {
    public static final Tolerance EXACT = new Tolerance(BigDecimal.ZERO);

    /** "exact" or "0.01/cell". */
    public static Tolerance parse(String text) {
        if ("exact".equals(text)) {
            return EXACT;
        }
        if (text.endsWith("/cell")) {
            return new Tolerance(new BigDecimal(text.substring(0, text.length() - "/cell".length())));
        }
        throw new IllegalArgumentException("tolerance must be 'exact' or '<amount>/cell': " + text);
    }

    /** The allowance for a comparison against {@code summedCells} cells (at least one). */
    public BigDecimal allowance(int summedCells) {
        return perCell.multiply(BigDecimal.valueOf(Math.max(1, summedCells)));
    }

    @Override
    public String toString() {
        return perCell.signum() == 0 ? "exact" : perCell.toPlainString() + "/cell";
    }
}
