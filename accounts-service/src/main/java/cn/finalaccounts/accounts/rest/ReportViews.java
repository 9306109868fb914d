package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.Decision;
import cn.finalaccounts.accounts.service.ReportAudit;
import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.ReviewedFinding;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.report.ReportBody;
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
            return of(r, audit.ofWorkingCopy(r));
        }

        /** With the audit already done (a save audits once, for its event and its answer). */
        static Working of(UnitReport r, ReportAudit.Audited a) {
            ReportBody c = a.completed();
            return new Working(c.unit(), c.year(), c.amountUnit().label(), c.tables(), r.state, r.version, r.revision,
                    r.savedAt, r.updatedBy, FindingCounts.of(a.findings()), a.findings());
        }

        /** The same without the figures: the findings view, and a write's answer under Prefer: return=minimal. */
        Working withoutTables() {
            return new Working(unit, year, amountUnit, null, state, version, revision, savedAt, updatedBy, findingCounts,
                    findings);
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
            Instant decidedAt, String decisionNote, Approval approval, long errorFindings, long waivers,
            List<DecisionEntry> decisions) {

        static VersionSummary of(ReportVersion v, List<ReportTransition> trail) {
            List<ReviewedFinding> f = ReportWorkflow.reviewed(v);
            VersionDecisions d = VersionDecisions.of(trail);
            return new VersionSummary(v.version, v.state, v.submittedBy, v.submittedAt, d.latestBy(), d.latestAt(),
                    d.latestReason(), d.approval(),
                    f.stream().filter(x -> x.finding().severity().id().equals("error")).count(),
                    f.stream().filter(x -> x.waiver() != null).count(), d.entries());
        }
    }

    /** One submission whole: the figures, the findings with their waivers, who and when, and its decision trail. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record VersionDetail(String unit, int year, int version, String state, String submittedBy, Instant submittedAt,
            String decidedBy, Instant decidedAt, String decisionNote, Approval approval, List<DecisionEntry> decisions,
            ReportBody report, List<ReviewedFinding> findings) {

        static VersionDetail of(ReportVersion v, List<ReportTransition> trail) {
            VersionDecisions d = VersionDecisions.of(trail);
            return new VersionDetail(v.unitCode, v.year, v.version, v.state, v.submittedBy, v.submittedAt, d.latestBy(),
                    d.latestAt(), d.latestReason(), d.approval(), d.entries(), ReportWorkflow.report(v),
                    ReportWorkflow.reviewed(v));
        }
    }

    /**
     * Who approved a version (审核通过), when and why; kept in the view after a later return. {@code by} is the
     * approver's username, {@code subject} their identity (null on decisions recorded before tokens), {@code label}
     * what they typed in {@code by}.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Approval(String by, String subject, String label, Instant at, String reason) {
    }

    /** One row of a version's decision trail: submit, approve, return or edit; from, to, who, when, why. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record DecisionEntry(String decision, String from, String to, String by, String subject, String label, Instant at,
            String reason) {
        static DecisionEntry of(ReportTransition t) {
            return new DecisionEntry(Decision.leadingTo(t.toState).id(), t.fromState, t.toState, t.actor,
                    t.actorSubject, t.actorLabel, t.at, t.note);
        }
    }

    /**
     * What a version's trail says: every entry in order, its approval (at most one: a version once returned is never
     * approved again, the next submission is the next version) and its latest reviewer decision, which is what
     * {@code decidedBy}, {@code decidedAt} and {@code decisionNote} have always meant.
     */
    private record VersionDecisions(List<DecisionEntry> entries, Approval approval, ReportTransition latest) {
        static VersionDecisions of(List<ReportTransition> trail) {
            Approval approval = null;
            ReportTransition latest = null;
            for (ReportTransition t : trail) {
                Decision d = Decision.leadingTo(t.toState);
                if (d == Decision.APPROVE) {
                    approval = new Approval(t.actor, t.actorSubject, t.actorLabel, t.at, t.note);
                }
                if (d.byReviewer()) {
                    latest = t;
                }
            }
            return new VersionDecisions(trail.stream().map(DecisionEntry::of).toList(), approval, latest);
        }

        String latestBy() {
            return latest == null ? null : latest.actor;
        }

        Instant latestAt() {
            return latest == null ? null : latest.at;
        }

        String latestReason() {
            return latest == null ? null : latest.note;
        }
    }

    /** One move of the report, in the history of every move: by (username), subject and the typed label. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transition(int version, String decision, String from, String to, String by, String subject, String label,
            String note, Instant at) {
        static Transition of(ReportTransition t) {
            return new Transition(t.version, Decision.leadingTo(t.toState).id(), t.fromState, t.toState, t.actor,
                    t.actorSubject, t.actorLabel, t.note, t.at);
        }
    }
}
