package cn.finalaccounts.fiscal.money;

import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads an amount sent over the API: a JSON string of a plain decimal with at most two decimals. A JSON number is
 * refused because the client that produced it may already have rounded it through binary floating point.
 */
public final class AmountInput {
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d+)?");

    private AmountInput() {
    }

    /** The amount in 万元, or null after adding the reason to {@code violations}. */
    public static BigDecimal parse(JsonNode node, String field, List<Violation> violations) {
        return parse(node, field, AmountUnit.WAN_YUAN, violations);
    }

    /** The amount written in {@code unit}, at most the {@link AmountCeiling}, or null after adding the reason. */
    public static BigDecimal parse(JsonNode node, String field, AmountUnit unit, List<Violation> violations) {
        if (node == null || node.isNull()) {
            violations.add(new Violation(field, "required: the amount as a decimal string such as \"515.83\""));
            return null;
        }
        if (node.isNumber()) {
            violations.add(new Violation(field, "must be a JSON string such as \"" + node.asText()
                    + "\", not a JSON number, so that it stays exact"));
            return null;
        }
        if (!node.isTextual() || !DECIMAL.matcher(node.asText()).matches()) {
            violations.add(new Violation(field, "'" + node.asText() + "' is not a decimal amount such as \"515.83\""));
            return null;
        }
        BigDecimal amount = new BigDecimal(node.asText());
        if (amount.scale() > AmountUnit.MAX_SCALE) {
            violations.add(new Violation(field, "'" + node.asText() + "' has " + amount.scale() + " decimals; at most "
                    + AmountUnit.MAX_SCALE + " are allowed"));
            return null;
        }
        if (AmountCeiling.exceeds(amount, unit)) {
            violations.add(new Violation(field, AmountCeiling.reason(amount, unit)));
            return null;
        }
        return amount;
    }

    /** As {@link #parse}, and refused when negative. */
    public static BigDecimal parseNonNegative(JsonNode node, String field, List<Violation> violations) {
        BigDecimal amount = parse(node, field, violations);
        if (amount != null && amount.signum() < 0) {
            violations.add(new Violation(field, "must not be negative"));
            return null;
        }
        return amount;
    }
}
