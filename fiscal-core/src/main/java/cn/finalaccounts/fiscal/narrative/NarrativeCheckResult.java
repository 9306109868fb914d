package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.audit.Finding.CellRef;
import cn.finalaccounts.fiscal.audit.Severity;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the narrative check answers: every figure it placed (so a reviewer sees what was checked), the findings,
 * the figures it could not place (listed, never guessed), and the counts.
 */
public record NarrativeCheckResult(List<Matched> matched, List<NarrativeFinding> findings, List<Unplaced> unplaced,
        Counts counts) {

    /**
     * A placed figure: the sentence, the figure as printed, the rule that placed it, the cells it states, the
     * table's value when it states a single cell, the value recomputed (at the printed precision), and whether the
     * printed figure is within the rounding of its last digit.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Matched(String sentence, String figure, String rule, List<CellRef> cells, String tableValue,
            String recomputed, boolean withinTolerance, String note) {
    }

    /** A finding like the audit's, quoting the sentence; amounts in the unit the figure was printed in. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NarrativeFinding(String rule, Severity severity, String sentence, String figure, String expected,
            String difference, List<CellRef> cells, String messageZh, String messageEn) {
    }

    public record Unplaced(String sentence, String figure) {
    }

    public record Counts(int figures, int matched, int withinTolerance, int findings, int unplaced) {
    }
}
