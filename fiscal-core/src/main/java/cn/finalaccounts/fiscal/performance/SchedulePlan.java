package cn.finalaccounts.fiscal.performance;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * 序时进度: by the end of month m, m/12 of the full-year budget is expected to be spent. A project is behind
 * schedule in a month when the share actually spent by then trails the expected share by more than the margin
 * (in percentage points). Months after {@code asOf} are not judged.
 */
public final class SchedulePlan {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
    private static final BigDecimal TWELVE = BigDecimal.valueOf(12);

    private SchedulePlan() {
    }

    /** One month: expected and actual share of the budget spent by its end, in percent, and whether behind. */
    public record Month(int month, BigDecimal spentToDate, BigDecimal expectedPercent, BigDecimal actualPercent,
            boolean behind) {
    }

    public record Spending(LocalDate date, BigDecimal amount) {
    }

    /** The months of the year up to {@code asOf}; empty when the budget is zero (no schedule to keep). */
    public static List<Month> months(int year, BigDecimal budget, List<Spending> spending, LocalDate asOf,
            BigDecimal marginPoints) {
        List<Month> out = new ArrayList<>();
        if (budget == null || budget.signum() == 0) {
            return out;
        }
        Map<Integer, BigDecimal> byMonth = new TreeMap<>();
        for (Spending s : spending) {
            if (s.date().getYear() == year) {
                byMonth.merge(s.date().getMonthValue(), s.amount(), BigDecimal::add);
            }
        }
        int lastMonth = asOf.getYear() > year ? 12 : asOf.getYear() < year ? 0 : asOf.getMonthValue();
        BigDecimal toDate = BigDecimal.ZERO;
        for (int m = 1; m <= lastMonth; m++) {
            toDate = toDate.add(byMonth.getOrDefault(m, BigDecimal.ZERO));
            BigDecimal expected = BigDecimal.valueOf(m).multiply(HUNDRED).divide(TWELVE, 2, RoundingMode.HALF_UP);
            BigDecimal actual = toDate.multiply(HUNDRED).divide(budget, 2, RoundingMode.HALF_UP);
            out.add(new Month(m, toDate, expected, actual, expected.subtract(actual).compareTo(marginPoints) > 0));
        }
        return out;
    }

    /** The latest judged month's verdict: behind schedule or not; empty when no month is judged. */
    public static Optional<Month> latest(List<Month> months) {
        return months.isEmpty() ? Optional.empty() : Optional.of(months.get(months.size() - 1));
    }
}
