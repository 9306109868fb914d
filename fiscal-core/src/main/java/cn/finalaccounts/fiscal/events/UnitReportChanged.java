package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.report.ReportBody;

/**
 * A unit's report of a year changed: saved as a draft, submitted, approved or returned. It carries the whole
 * report with its derived subtotals, never a diff, so a consumer that sees only the newest event still holds
 * the truth. {@code version} numbers the submissions of that unit and year (0 for a draft never submitted);
 * {@code revision} grows with every change, drafts included; {@code state} is draft, submitted, approved or
 * returned.
 */
public record UnitReportChanged(String unit, int year, long version, String state, long revision, ReportBody report,
        String changedAt) {
    public static final String TYPE = "UnitReportChanged";
    public static final int CONTRACT_VERSION = 1;
}
