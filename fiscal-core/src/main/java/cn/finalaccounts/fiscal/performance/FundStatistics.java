package cn.finalaccounts.fiscal.performance;

import cn.finalaccounts.fiscal.identity.Identifier;
import java.math.BigDecimal;

/**
 * A fund's statistics for a year at one level (全市, 市本级 or a county): 参保人数 in 万人 (the total and its two
 * parts where the fund has them), money in 万元.
 */
public record FundStatistics(SocialInsuranceFund fund, String level, BigDecimal insured, BigDecimal active,
        BigDecimal retired, BigDecimal totalIncome, BigDecimal premiumIncome, BigDecimal totalExpense,
        BigDecimal benefitExpense, BigDecimal balance) {

    /** The level covering the whole region, which every other level must not exceed (E2). */
    public static final String WHOLE_REGION = "全市";
    public static final String CITY_LEVEL = "市本级";

    public static boolean validLevel(String level) {
        return Identifier.FUND_LEVEL.matches(level);
    }
}
