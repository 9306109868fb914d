package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.ReportAudit;
import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.ReviewedFinding;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.ReportTable;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/** What the report endpoints answer. */
final class ReportViews {
    private ReportViews() {
    }

    /**
     * The working copy in the report shape, its derived subtotals marked {@code "derived": true}, with its state,
     * the number of its latest submission, and the audit findings of the figures as they stand.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Working(String unit, int year, String amountUnit, List<ReportTable> tables, String state, int version,
            long revision, Instant savedAt, String updatedBy, FindingCounts findingCounts, List<Finding> findings) {

        static Working of(UnitReport r, ReportAudit audit) {
            return of(r, audit.audit(ReportJson.read(r.body)));
        }

        /** With the audit already done (a save audits once, for its event and its answer). */
        static Working of(UnitReport r, ReportAudit.Audited a) {
            ReportBody c = a.completed();
            return new Working(c.unit(), c.year(), c.amountUnit().label(), c.tables(), r.state, r.version, r.revision,
                    r.savedAt, r.updatedBy, FindingCounts.of(a.findings()), a.findings());
        }
    }

    record FindingCounts(long errors, long warnings, long infos) {
        static FindingCounts of(List<Finding> findings) {
            return new FindingCounts(count(findings, "error"), count(findings, "warning"), count(findings, "info"));
        }

        private static long count(List<Finding> findings, String severity) {
            return findings.stream().filter(f -> f.severity().id().equals(severity)).count();
        }
    }

    /** One submission in the list of versions. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionSummary(int version, String state, String submittedBy, Instant submittedAt, String decidedBy,
            Instant decidedAt, String decisionNote, long errorFindings, long waivers) {

        static VersionSummary of(ReportVersion v) {
            List<ReviewedFinding> f = ReportWorkflow.reviewed(v);
            return new VersionSummary(v.version, v.state, v.submittedBy, v.submittedAt, v.decidedBy, v.decidedAt,
                    v.decisionNote, f.stream().filter(x -> x.finding().severity().id().equals("error")).count(),
                    f.stream().filter(x -> x.waiver() != null).count());
        }
    }

    /** One submission whole: the figures, the findings with their waivers, who and when. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionDetail(String unit, int year, int version, String state, String submittedBy, Instant submittedAt,
            String decidedBy, Instant decidedAt, String decisionNote, ReportBody report, List<ReviewedFinding> findings) {

        static VersionDetail of(ReportVersion v) {
            return new VersionDetail(v.unitCode, v.year, v.version, v.state, v.submittedBy, v.submittedAt, v.decidedBy,
                    v.decidedAt, v.decisionNote, ReportWorkflow.report(v), ReportWorkflow.reviewed(v));
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transition(int version, String from, String to, String by, String note, Instant at) {
        static Transition of(ReportTransition t) {
            return new Transition(t.version, t.fromState, t.toState, t.actor, t.note, t.at);
        }
    }
}
