package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.org.UnitType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One rule of the narrative check, read from {@code fiscal/{year}/narrative-rules.json}: the phrase that names a
 * figure (a regular expression whose named groups capture the figures), what each captured figure states (an
 * expression over table cells {@code T06.public_total.1}, other figures of the phrase {@code $b}, or a term of the
 * phrase looked up in {@code terms} {@code @item:budget}), and optionally a sum the printed figures must make.
 *
 * @param phrase  the pattern as written in the data, with its macros
 * @param figures group name → expression, in the order they are checked
 * @param terms   word printed in group {@code item} → expression, or → key → expression
 * @param sum     the whole and its parts, by group name, when the phrase says "X，其中 A、B"
 * @param appliesTo unit types the rule holds for; empty means every unit
 */
public record NarrativeRule(String id, Severity severity, String phrase, Pattern pattern, Map<String, String> figures,
        Map<String, Map<String, String>> terms, Sum sum, Set<UnitType> appliesTo, String zh, String en, String source,
        boolean deniesLastYear) {

    public record Sum(String whole, List<String> parts) {
    }

    private static final Pattern LAST_YEAR_CELL = Pattern.compile("(^|[^\\w$])P\\w+\\.\\w+\\.\\w+");

    /** Whether a figure of the rule reads last year's figures ({@code P01.income_grand_total.1}). */
    public boolean readsLastYear() {
        // A figure may read last year through the term the sentence names (@item:last).
        return figures.values().stream().anyMatch(e -> LAST_YEAR_CELL.matcher(e).find())
                || terms.values().stream().flatMap(byKey -> byKey.values().stream())
                        .anyMatch(e -> LAST_YEAR_CELL.matcher(e).find());
    }

    public boolean appliesTo(UnitType type) {
        return appliesTo.isEmpty() || (type != null && appliesTo.contains(type));
    }
}
