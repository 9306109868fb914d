package cn.finalaccounts.fiscal.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * 绩效自评 scoring (P2–P5). The execution score is min(执行率, 100 %) × its weight (10): spending above the budget
 * is capped, never rewarded. Indicators score by P3. When some indicators do not apply (P4), the total is scaled
 * to 100 over the weights that do. Scores are kept exact and rounded once, to two decimals half up, when shown.
 */
public final class SelfEvaluation {
    /** The weight (分值) of the execution-rate indicator in the 自评表. */
    public static final BigDecimal EXECUTION_WEIGHT = BigDecimal.TEN;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private SelfEvaluation() {
    }

    /** min(ratio, 1) × weight; empty when the budget is zero (no rate, so no score). */
    public static Optional<BigDecimal> executionScore(BigDecimal spent, BigDecimal budget) {
        return ExecutionRate.ratio(spent, budget).map(r -> r.min(BigDecimal.ONE).multiply(EXECUTION_WEIGHT));
    }

    /**
     * The 总分 (P5): Σ indicator scores + execution score, scaled to 100 over the applicable weights (P4).
     * Empty when nothing applies.
     */
    public static Optional<BigDecimal> total(List<Indicator> indicators, Optional<BigDecimal> executionScore) {
        BigDecimal score = BigDecimal.ZERO;
        BigDecimal weights = BigDecimal.ZERO;
        for (Indicator i : indicators) {
            Optional<BigDecimal> s = i.score();
            if (s.isPresent()) {
                score = score.add(s.get());
                weights = weights.add(i.weight());
            }
        }
        if (executionScore.isPresent()) {
            score = score.add(executionScore.get());
            weights = weights.add(EXECUTION_WEIGHT);
        }
        if (weights.signum() == 0) {
            return Optional.empty();
        }
        return Optional.of(weights.compareTo(HUNDRED) == 0 ? score
                : score.multiply(HUNDRED).divide(weights, 12, RoundingMode.HALF_UP));
    }

    /** Rounded for display: two decimals, half up. */
    public static BigDecimal shown(BigDecimal score) {
        return score.setScale(2, RoundingMode.HALF_UP);
    }

    /** 自评等级 by 总分: ≥ 90 优, 80–90 良, 60–80 中, < 60 差 (the bands of the 自评表). */
    public static String grade(BigDecimal total) {
        if (total.compareTo(BigDecimal.valueOf(90)) >= 0) {
            return "优";
        }
        if (total.compareTo(BigDecimal.valueOf(80)) >= 0) {
            return "良";
        }
        if (total.compareTo(BigDecimal.valueOf(60)) >= 0) {
            return "中";
        }
        return "差";
    }
}
