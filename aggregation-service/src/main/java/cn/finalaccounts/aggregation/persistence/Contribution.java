package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.report.CellSheet;
import java.time.Instant;

/** What one unit's report of one year currently adds to every 汇总 above it. */
public record Contribution(String unit, int year, long version, String state, CellSheet cells, Instant appliedAt) {
}
