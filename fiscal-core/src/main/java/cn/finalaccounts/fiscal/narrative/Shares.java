package cn.finalaccounts.fiscal.narrative;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * 占比 in percent with two decimals that add up to exactly 100.00% (largest-remainder method): each part gets
 * the floor of its exact share in hundredths of a percent, and the hundredths still missing to 10000 go one each
 * to the parts with the largest remainders (ties: the part listed first). Rounding each share on its own can
 * print 33.33% three times, which the reader adds up to 99.99%. The whole is the sum of the parts, so the shares
 * describe the parts even when a printed total disagrees with them (the audit reports that disagreement).
 */
final class Shares {
    private static final BigDecimal TEN_THOUSAND = BigDecimal.valueOf(10_000);

    private Shares() {
    }

    /** The shares of {@code parts} (non-negative), or an empty list when they sum to zero (no share exists). */
    static List<BigDecimal> of(List<BigDecimal> parts) {
        BigDecimal whole = parts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        if (whole.signum() <= 0) {
            return List.of();
        }
        List<BigDecimal> floors = new ArrayList<>();
        List<BigDecimal> remainders = new ArrayList<>();
        for (BigDecimal part : parts) {
            BigDecimal[] qr = part.multiply(TEN_THOUSAND).divideAndRemainder(whole);
            floors.add(qr[0]);
            remainders.add(qr[1]);
        }
        long missing = 10_000 - floors.stream().mapToLong(BigDecimal::longValueExact).sum();
        List<Integer> order = IntStream.range(0, parts.size()).boxed()
                .sorted(Comparator.comparing((Integer i) -> remainders.get(i)).reversed()).toList();
        for (int k = 0; k < missing; k++) {
            int i = order.get(k);
            floors.set(i, floors.get(i).add(BigDecimal.ONE));
        }
        return floors.stream().map(f -> f.movePointLeft(2).setScale(2, RoundingMode.UNNECESSARY)).toList();
    }

    /** part / whole × 100, two decimals, half up: a rate (完成预算, 增长) that is not one of a set of shares. */
    static BigDecimal rate(BigDecimal part, BigDecimal whole) {
        return part.multiply(BigDecimal.valueOf(100)).divide(whole, 2, RoundingMode.HALF_UP);
    }
}
