package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.ReportVersionBodies;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.outbox.OutboxWriter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;

/**
 * Writes the report's outbox event in the caller's transaction: its version, revision and state, and the whole
 * completed report only in a state some 汇总 counts (submitted, approved). A draft's or a returned report's event has
 * no report (contract version 2): nobody counts those figures, and writing them was most of a save's cost.
 *
 * <p>The report an event carries is the version's stored body, the completed report as the submission wrote it:
 * its JSON text goes into the event as it is, never read into objects and written again, and it is not copied into
 * the outbox row either: the row refers to the version.
 */
@ApplicationScoped
public class ReportEvents {
    @Inject
    OutboxWriter outbox;

    /**
     * One event per saved change and per transition. {@code counted} is the version the report's state carries (the
     * one just submitted or approved); it is read only when the state carries a report, so null will do otherwise.
     */
    void reportChanged(UnitReport r, ReportVersion counted) {
        boolean carries = UnitReportChanged.carriesReport(ReportState.fromId(r.state));
        append(r, r.version, r.state, carries ? counted : null);
    }

    /**
     * For a snapshot: a version as the views count it (approved, or submitted), at the report's current revision,
     * named by its row id ({@code versionId}) without its figures being read.
     */
    void versionCounted(String unit, int year, long revision, int version, long versionId, ReportState countedAs) {
        outbox.appendReferring(Topics.UNIT_REPORTS, unit, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged.WithReportJson(unit, year, version, countedAs.id(), revision,
                        OutboxWriter.BODY_HERE, Instant.now().toString()), ReportVersionBodies.reference(versionId));
    }

    /**
     * The event's row refers to the version's stored body instead of copying it: the relay splices the body in when it
     * publishes (ReportVersionBodies), so a version's figures are stored once, not once more per event.
     */
    private void append(UnitReport r, int version, String state, ReportVersion v) {
        if (v == null) {
            outbox.append(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                    new UnitReportChanged.WithReportJson(r.unitCode, r.year, version, state, r.revision, null,
                            Instant.now().toString()));
            return;
        }
        outbox.appendReferring(Topics.UNIT_REPORTS, r.unitCode, UnitReportChanged.TYPE,
                UnitReportChanged.CONTRACT_VERSION, new UnitReportChanged.WithReportJson(r.unitCode, r.year, version,
                        state, r.revision, OutboxWriter.BODY_HERE, Instant.now().toString()),
                ReportVersionBodies.reference(v));
    }
}
