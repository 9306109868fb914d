package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.org.UnitType;
import java.util.Map;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Writes the narrative rules as the closing section of docs/audit-rules.md, after the audit rules, so the
 * document says exactly which phrases the check reads (RuleBookDocumentTest fails when they disagree).
 */
public final class NarrativeRuleDocument {
    private NarrativeRuleDocument() {
    }

    public static String markdown(SortedMap<Integer, NarrativeRuleBook> years) {
        StringBuilder md = new StringBuilder();
        md.append("\n# Narrative check rules (情况说明 核对)\n\n")
                .append("Generated from `fiscal-core/src/main/resources/fiscal/{year}/narrative-rules.json` by `NarrativeRuleDocument`.\n")
                .append("`POST /api/v1/units/{code}/reports/{year}/narrative/check` reads the 情况说明 sentence by sentence (a sentence\n")
                .append("ends at 。 or a line break). Each rule is a phrase: `{A:g}` captures an amount (万元, 万 or 元) as figure `g`,\n")
                .append("`{P:g}` a percentage. Each figure states an expression over the report's cells (in 万元, a blank cell is 0),\n")
                .append("over other figures of the phrase (`$g`), or over the term the phrase names (`@item`, looked up in the\n")
                .append("rule's terms). A figure passes when it is within half a unit of its last printed digit of the value\n")
                .append("recomputed (97.32% stands for [97.315, 97.325)); a difference of at most one unit of the last digit is a\n")
                .append("rounding slip and reported as a warning, a larger one at the rule's severity. A `sum` rule also requires\n")
                .append("the printed parts to add up to the printed whole. A rate of a zero base is a finding, except 0% of\n")
                .append("nothing. Rules are tried in order and a figure is placed by the first rule that matches it; a figure\n")
                .append("no rule places is listed as unplaced, never guessed. The files name headline figures (`#income_total`,\n")
                .append("last year's `#last.income_total`, from `named-figures.json`); the tables below print their cells.\n");
        for (Map.Entry<Integer, NarrativeRuleBook> byYear : years.entrySet()) {
            int year = byYear.getKey();
            NarrativeRuleBook book = byYear.getValue();
            md.append("\n## ").append(year).append("\n\n");
            md.append("| id | severity | applies to | phrase | figures | message | source |\n");
            md.append("| --- | --- | --- | --- | --- | --- | --- |\n");
            for (NarrativeRule r : book.rules()) {
                StringBuilder figures = new StringBuilder();
                for (Map.Entry<String, String> f : r.figures().entrySet()) {
                    figures.append(figures.length() == 0 ? "" : "<br>").append("`").append(f.getKey()).append(" = ")
                            .append(f.getValue()).append("`");
                }
                if (r.sum() != null) {
                    figures.append("<br>`").append(r.sum().whole()).append(" = ")
                            .append(String.join(" + ", r.sum().parts())).append("` (as printed)");
                }
                if (!r.terms().isEmpty()) {
                    figures.append("<br>terms: ").append(r.terms().entrySet().stream()
                            .map(e -> e.getKey() + " → " + e.getValue().entrySet().stream()
                                    .map(k -> (k.getKey().isEmpty() ? "" : k.getKey() + ": ") + "`" + k.getValue() + "`")
                                    .collect(Collectors.joining(", ")))
                            .collect(Collectors.joining("; ")));
                }
                md.append("| ").append(r.id())
                        .append(" | ").append(r.severity().id())
                        .append(" | ").append(r.appliesTo().isEmpty() ? "all units"
                                : r.appliesTo().stream().map(UnitType::label).sorted().collect(Collectors.joining(", ")))
                        .append(" | `").append(phrase(r)).append("`")
                        .append(" | ").append(figures)
                        .append(" | ").append(r.zh()).append(" — ").append(r.en())
                        .append(" | ").append(r.source()).append(" |\n");
            }
        }
        return md.toString();
    }

    /** The phrase as written in the data (macros, not their expansion), with table pipes escaped. */
    private static String phrase(NarrativeRule r) {
        return r.phrase().replace("|", "\\|");
    }
}
