package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.fiscal.workflow.CountedView;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * A unit's report of a year changed: saved as a draft, submitted, approved or returned. A submitted or approved
 * report's event carries the whole report with its derived subtotals, never a diff, so a consumer that sees only
 * the newest event still holds the truth. {@code version} numbers the submissions of that unit and year (0 for a
 * draft never submitted); {@code revision} grows with every change, drafts included; {@code state} is draft,
 * submitted, approved or returned.
 *
 * <p>Contract version 2: a draft's or a returned report's event has no {@code report} (null): those states count in
 * no 汇总, and their figures are the unit's working copy, read over the API by whoever follows it. Version 1
 * carried the report in every state; consumers read both (the topics keep version 1 records).
 */
public record UnitReportChanged(String unit, int year, long version, String state, long revision, ReportBody report,
        String changedAt) {
    public static final String TYPE = "UnitReportChanged";
    public static final int CONTRACT_VERSION = 2;
    /** The oldest contract version consumers still read: version 1 differs only in carrying a draft's report. */
    public static final int OLDEST_READ_VERSION = 1;

    /** Whether an event in this state carries its report: only the states some 汇总 counts. */
    public static boolean carriesReport(ReportState state) {
        return CountedView.countedIn(state).length > 0;
    }

    /**
     * The same event, written with its report as JSON text that is already at hand (a version's stored body, which
     * holds the completed report): spliced in as it is instead of read into objects and written again. Encodes to
     * exactly the JSON of the {@link UnitReportChanged} it describes; {@code report} null writes null.
     */
    public record WithReportJson(String unit, int year, long version, String state, long revision,
            @JsonRawValue String report, String changedAt) {
    }
}
