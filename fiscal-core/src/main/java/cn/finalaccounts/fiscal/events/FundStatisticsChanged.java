package cn.finalaccounts.fiscal.events;

/**
 * A fund's statistics of a year changed at one level of a region. Figures are strings: 参保人数 in 万人, money in
 * 万元; absent ones are null. {@code revision} grows with every change of that year, region, fund and level.
 */
public record FundStatisticsChanged(int year, String region, String fund, String level, String insured, String active,
        String retired, String totalIncome, String premiumIncome, String totalExpense, String benefitExpense,
        String balance, long revision) {
    public static final String TYPE = "FundStatisticsChanged";
    public static final int CONTRACT_VERSION = 1;
}
