package cn.finalaccounts.fiscal.money;

import java.math.BigDecimal;

/** Exact money arithmetic helpers: amounts are BigDecimal end to end, written as plain strings. */
public final class Amounts {
    private Amounts() {
    }

    /**
     * The printed form: plain notation (never 1E+3), at least two decimals, and more only when the value
     * really has them (a 元 figure shown in 万元 keeps its 分).
     */
    public static String format(BigDecimal amount) {
        BigDecimal stripped = amount.stripTrailingZeros();
        BigDecimal shown = stripped.scale() < 2 ? stripped.setScale(2) : stripped;
        return shown.toPlainString();
    }
}
