package cn.finalaccounts.fiscal.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Optional;

/**
 * A 绩效指标 of a project's 自评表: 一级 / 二级 / 三级 indicator, target (年度指标值), actual (实际完成值), weight
 * (分值). Scored by P3: a quantitative positive indicator (≥ target) scores min(actual / target, 1) × weight, a
 * negative one (≤ target) min(target / actual, 1) × weight; a qualitative one by its degree of achievement
 * ({@link Achievement}). One that does not apply scores nothing and leaves the total (P4).
 */
public record Indicator(String level1, String level2, String level3, Kind kind, Direction direction, BigDecimal target,
        BigDecimal actual, Achievement achievement, BigDecimal weight, boolean applicable) {

    public enum Kind { QUANTITATIVE, QUALITATIVE }

    public enum Direction { POSITIVE, NEGATIVE }

    /** 定性指标 达成程度, and the share of the weight it earns. */
    public enum Achievement {
        FULL("完全达成", "1"), MOSTLY("基本达成", "0.8"), PARTLY("部分达成", "0.6"), NOT("未达成", "0");

        private final String label;
        private final BigDecimal share;

        Achievement(String label, String share) {
            this.label = label;
            this.share = new BigDecimal(share);
        }

        public String label() {
            return label;
        }

        public BigDecimal share() {
            return share;
        }

        public static Optional<Achievement> parse(String label) {
            for (Achievement a : values()) {
                if (a.label.equals(label)) {
                    return Optional.of(a);
                }
            }
            return Optional.empty();
        }
    }

    /** The exact score, or empty when the indicator does not apply or cannot be scored yet. */
    public Optional<BigDecimal> score() {
        if (!applicable) {
            return Optional.empty();
        }
        if (kind == Kind.QUALITATIVE) {
            return achievement == null ? Optional.empty() : Optional.of(weight.multiply(achievement.share()));
        }
        if (target == null || actual == null) {
            return Optional.empty();
        }
        BigDecimal ratio;
        if (direction == Direction.POSITIVE) {
            ratio = target.signum() == 0 ? BigDecimal.ONE : actual.divide(target, 12, RoundingMode.HALF_UP);
        } else {
            ratio = actual.signum() == 0 ? BigDecimal.ONE : target.divide(actual, 12, RoundingMode.HALF_UP);
        }
        return Optional.of(ratio.max(BigDecimal.ZERO).min(BigDecimal.ONE).multiply(weight));
    }
}
