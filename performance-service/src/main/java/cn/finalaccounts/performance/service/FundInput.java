package cn.finalaccounts.performance.service;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One level of a fund's statistics: {@code {"level": "全市", "insured": "60.00", "active": "42.64", "retired":
 * "17.36", "totalIncome": "860768", "premiumIncome": "286394", "totalExpense": "865753", "benefitExpense":
 * "577629", "balance": "46285"}}: people in 万人, money in 万元, all as strings.
 */
public record FundInput(String level, JsonNode insured, JsonNode active, JsonNode retired, JsonNode totalIncome,
        JsonNode premiumIncome, JsonNode totalExpense, JsonNode benefitExpense, JsonNode balance) {
}
