package cn.finalaccounts.fiscal.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * 预算执行率 (P1): 全年执行数 / 全年预算数 × 100%, the denominator being the adjusted full-year budget, not the
 * initial one. A zero budget has no rate — not 0 %, not 100 % — so the rate is optional. Shown in percent with
 * two decimals, rounded half up; the score is computed from the exact ratio, never from the rounded percent.
 */
public final class ExecutionRate {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private ExecutionRate() {
    }

    /** The exact ratio spent / budget (1 = 100 %), or empty when the budget is zero. */
    public static Optional<BigDecimal> ratio(BigDecimal spent, BigDecimal budget) {
        if (budget == null || budget.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(spent.divide(budget, 12, RoundingMode.HALF_UP));
    }

    /** The rate in percent, two decimals, half up: 105.61 / 105 → 100.58; 27.49 / 27.5 → 99.96. */
    public static Optional<BigDecimal> percent(BigDecimal spent, BigDecimal budget) {
        return ratio(spent, budget).map(r -> r.multiply(HUNDRED).setScale(2, RoundingMode.HALF_UP));
    }
}
