package cn.finalaccounts.fiscal.performance;

import cn.finalaccounts.fiscal.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The checks of fund statistics (audit rules E1–E2): a part of the region (市本级, a county) cannot exceed the
 * whole (全市) in members, income, expenditure or balance; and this year's 累计结余 is last year's plus income
 * minus expenditure, when last year is known. Plausibility rules: warnings, not refusals.
 */
public final class FundChecks {
    private FundChecks() {
    }

    /** What a check found: the rule, the fund and level, the figure, its value and the bound it breaks. */
    public record FundFinding(String rule, String severity, String fund, String level, String figure, String value,
            String expected, String message) {
    }

    private record Figure(String name, Function<FundStatistics, BigDecimal> value) {
    }

    private static final List<Figure> BOUNDED = List.of(
            new Figure("参保人数", FundStatistics::insured), new Figure("总收入", FundStatistics::totalIncome),
            new Figure("总支出", FundStatistics::totalExpense), new Figure("累计结余", FundStatistics::balance));

    /** E2 over the levels of one fund and year. */
    public static List<FundFinding> partsWithinWhole(List<FundStatistics> levels) {
        List<FundFinding> out = new ArrayList<>();
        FundStatistics whole = levels.stream().filter(l -> FundStatistics.WHOLE_REGION.equals(l.level())).findFirst()
                .orElse(null);
        if (whole == null) {
            return out;
        }
        for (FundStatistics part : levels) {
            if (part == whole) {
                continue;
            }
            for (Figure f : BOUNDED) {
                BigDecimal p = f.value().apply(part);
                BigDecimal w = f.value().apply(whole);
                if (p != null && w != null && p.compareTo(w) > 0) {
                    out.add(new FundFinding("E2", "warning", part.fund().label(), part.level(), f.name(), Amounts.format(p),
                            "≤ " + Amounts.format(w), part.level() + " " + f.name() + "不应大于全市 — a part of the"
                                    + " region cannot exceed the whole region"));
                }
            }
        }
        return out;
    }

    /** E1 for each level that has last year's figures: 累计结余 = 上年结余 + 收入 − 支出. */
    public static List<FundFinding> balanceCarriesOver(List<FundStatistics> levels, Map<String, FundStatistics> lastYear) {
        List<FundFinding> out = new ArrayList<>();
        for (FundStatistics s : levels) {
            FundStatistics prev = lastYear.get(s.level());
            if (prev == null || prev.balance() == null || s.balance() == null || s.totalIncome() == null
                    || s.totalExpense() == null) {
                continue;
            }
            BigDecimal expected = prev.balance().add(s.totalIncome()).subtract(s.totalExpense());
            if (expected.compareTo(s.balance()) != 0) {
                out.add(new FundFinding("E1", "warning", s.fund().label(), s.level(), "累计结余", Amounts.format(s.balance()),
                        Amounts.format(expected), "累计结余应等于上年累计结余加本年收入减本年支出 — the balance carries"
                                + " last year's over plus income minus expenditure"));
            }
        }
        return out;
    }
}
