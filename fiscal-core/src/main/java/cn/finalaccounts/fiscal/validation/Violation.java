package cn.finalaccounts.fiscal.validation;

/** One reason an input is refused: the JSON path of the offending field and why, in plain words. */
public record Violation(String field, String reason) {
}
