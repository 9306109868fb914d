package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Writes the report's outbox event in the caller's transaction: its version, revision and state, and the whole
 * completed report only in a state some 汇总 counts (submitted, approved). A draft's or a returned report's event has
 * no report (contract version 2): nobody counts those figures, and writing them was most of a save's cost.
 */
@ApplicationScoped
public class ReportEvents {
    @Inject
    OutboxWriter outbox;

    /**
     * One event per saved change and per transition. {@code completed} is the report with its derived subtotals; it
     * is read only when the report's state carries it, so a caller in a draft or returned state may pass null.
     */
    void reportChanged(UnitReport r, ReportBody completed) {
        ReportState state = ReportState.fromId(r.state);
        outbox.append(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(r.unitCode, r.year, r.version, r.state, r.revision,
                        UnitReportChanged.carriesReport(state) ? completed : null, Instant.now().toString()));
    }

    /** For a snapshot: a version as the views count it (approved, or submitted), at the report's current revision. */
    void versionCounted(UnitReport r, int version, ReportState countedAs, ReportBody completed) {
        outbox.append(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(r.unitCode, r.year, version, countedAs.id(), r.revision, completed,
                        Instant.now().toString()));
    }
}
