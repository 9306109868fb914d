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

/** Writes the report's outbox event in the caller's transaction: the whole report, its version and its state. */
@ApplicationScoped
public class ReportEvents {
    @Inject
    OutboxWriter outbox;

    void reportChanged(UnitReport r, ReportBody completed) {
        outbox.append(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(r.unitCode, r.year, r.version, r.state, r.revision, completed,
                        Instant.now().toString()));
    }

    /** For a snapshot: a version as the views count it (approved, or submitted), at the report's current revision. */
    void versionCounted(UnitReport r, int version, ReportState countedAs, ReportBody completed) {
        outbox.append(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(r.unitCode, r.year, version, countedAs.id(), r.revision, completed,
                        Instant.now().toString()));
    }
}
