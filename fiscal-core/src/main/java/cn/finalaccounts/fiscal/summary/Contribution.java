package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.time.Instant;

/**
 * What one unit's report of one year currently adds, in one view, to every 汇总 above it: the version counted and
 * its cells in 万元 (with {@link SummaryArithmetic#UNITS_IN}). Kept so that a newer version can retract it.
 */
public record Contribution(String unit, int year, CountedView view, long version, String state, CellSheet cells,
        Instant appliedAt) {
}
