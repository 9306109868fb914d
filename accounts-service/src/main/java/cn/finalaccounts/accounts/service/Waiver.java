package cn.finalaccounts.accounts.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A 校验申请: the written reason why an error finding stands in a submitted report, for the rule at one cell
 * ({@code "05.total.2"}: table, row, column). Kept with the version and shown beside the finding.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Waiver(String rule, String cell, String reason, String by, String at) {
}
