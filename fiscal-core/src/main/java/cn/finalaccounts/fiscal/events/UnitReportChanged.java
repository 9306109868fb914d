package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.report.ReportBody;

/**
 * A unit's report of a year was saved. It carries the whole report, not a diff, so a consumer that sees only
 * the newest version still holds the truth. {@code version} grows with each save of that unit and year.
 */
public record UnitReportChanged(String unit, int year, long version, String state, ReportBody report,
        String changedAt) {
    public static final String TYPE = "UnitReportChanged";
    public static final int CONTRACT_VERSION = 1;
}
