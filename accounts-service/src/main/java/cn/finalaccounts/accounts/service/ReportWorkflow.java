package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportStore;
import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.support.json.UnicodeText;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import com.fasterxml.jackson.core.type.TypeReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Moves a report through its workflow: submit (a new version, refused while an error finding has no waiver),
 * approve (locks it against edits) or return (with a reason; editable again — also after approval, when a
 * correction is needed; the approved figures keep counting until the corrected version is approved). Nobody decides
 * on a version their own token's subject submitted or whose figures it edited (maker-checker, on the identity, never
 * on a typed name). Every
 * move is appended to the report's decision trail ({@code report_transition}, never updated: an approval stays on
 * record after a return), to the audit trail and to the outbox, in the same transaction.
 */
@ApplicationScoped
public class ReportWorkflow {
    private static final int MIN_REASON = 4;

    @Inject
    ReportAudit audit;

    @Inject
    ReportEvents events;

    @Inject
    AuditTrail trail;

    @Inject
    Access access;

    @Inject
    ReportStore store;

    @Inject
    UnitLock unitLock;

    /**
     * {@code {"by": "…", "waivers": [{"rule": "A7.05", "cell": "05.total.2", "reason": "…"}]}}; {@code by} is an
     * optional display label (who acts is the token's caller).
     */
    public record SubmitRequest(String by, List<Waiver> waivers) {
    }

    /**
     * {@code {"by": "…", "reason": "…"}}; the reason is required to return a report, optional to approve;
     * {@code by} is an optional display label.
     */
    public record DecisionRequest(String by, String reason) {
    }

    /** A report after a move, and the audit of its figures the answer shows (kept with the working copy). */
    public record Moved(UnitReport report, ReportAudit.Audited audited) {
    }

    @Transactional
    public Moved submit(String unitCode, int year, SubmitRequest request, Caller caller) {
        ReportStore.LockedNode unit = unitLock.lock(unitCode, year);
        UnitReport report = current(unitCode, year);
        ReportState from = ReportState.fromId(report.state);
        if (!from.maySubmit()) {
            throw new ConflictProblem("the report is " + from.id() + " (version " + report.version + "); only a draft or"
                    + " a returned report can be submitted");
        }
        String by = caller.username();
        // The audit kept with the body since its save, unless what it read besides the body changed since (last
        // year's report, the unit's type, the rule book): then the submission audits again and keeps the result.
        ReportAudit.Basis basis = audit.basis(unit, year);
        ReportAudit.Audited audited;
        boolean reaudited = !ReportAudit.holds(report, basis);
        if (reaudited) {
            audited = audit.audit(ReportJson.read(report.body), basis);
            ReportAudit.keep(report, basis, audited);
        } else {
            audited = ReportAudit.kept(report);
        }
        List<Waiver> waivers = checkWaivers(audited.findings(),
                request.waivers() == null ? List.of() : request.waivers(), by);

        long revision = report.revision;
        report.version++;
        report.revision++;
        report.state = ReportState.SUBMITTED.id();
        report.updatedBy = by;
        if (reaudited) {
            store.save(report);
        } else {
            store.moved(report);
        }
        ReportVersion v = new ReportVersion();
        v.unitCode = unitCode;
        v.year = year;
        v.version = report.version;
        v.state = report.state;
        v.body = ReportJson.write(audited.completed());
        v.findings = report.auditFindings;
        v.waivers = ReportJson.write(waivers);
        v.submittedBy = by;
        v.submittedAt = Instant.now();
        store.append(v);
        store.append(transition(report, from, caller, request.by(),
                waivers.isEmpty() ? null : waivers.size() + " waiver(s)"));
        trail.record(caller, "report.submit", resource(report), unitCode, "version " + v.version + " (" + from.id()
                + " → submitted, revision " + revision + " → " + report.revision + "), " + waivers.size()
                + " waiver(s)");
        events.reportChanged(report, v);
        return new Moved(report, audited);
    }

    @Transactional
    public UnitReport approve(String unitCode, int year, DecisionRequest request, Caller caller) {
        return decide(unitCode, year, request, ReportState.APPROVED, caller);
    }

    @Transactional
    public UnitReport returnForCorrection(String unitCode, int year, DecisionRequest request, Caller caller) {
        if (request == null || UnicodeText.isBlank(request.reason())) {
            throw new InvalidInputException("reason", "required: say what the unit must correct");
        }
        return decide(unitCode, year, request, ReportState.RETURNED, caller);
    }

    private UnitReport decide(String unitCode, int year, DecisionRequest request, ReportState to, Caller caller) {
        unitLock.lock(unitCode, year);
        UnitReport report = current(unitCode, year);
        ReportState from = ReportState.fromId(report.state);
        if (to == ReportState.APPROVED ? !from.mayApprove() : !from.mayReturn()) {
            throw new ConflictProblem("the report is " + from.id() + "; only a submitted report can be approved, and"
                    + " only a submitted or an approved one returned");
        }
        ReportVersion v = ReportVersion.of(unitCode, year, report.version).orElseThrow();
        // Checked with the unit locked, on the version being decided: no submission can slip in between.
        String maker = MakerChecker.maker(v, caller);
        if (maker != null) {
            access.refuse(caller, Permission.DECIDE_REPORT, unitCode, maker
                    + "; another person must decide on it (maker-checker)");
        }
        report.state = to.id();
        report.revision++;
        report.updatedBy = caller.username();
        store.moved(report);
        // The version's state moves on; who decided, when and why is appended to its trail, never written here.
        store.decided(v.id, to.id());
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        store.append(transition(report, from, caller, request.by(), request.reason()));
        trail.record(caller, to == ReportState.APPROVED ? "report.approve" : "report.return", resource(report), unitCode,
                "version " + v.version + ": " + from.id() + " → " + to.id() + (reason == null ? "" : ": " + reason));
        // An approval's event carries the version's body; a returned report's carries no figures.
        events.reportChanged(report, v);
        return report;
    }

    /** The report's path under /api/v1, as the audit trail names it. */
    public static String resource(UnitReport r) {
        return "units/" + r.unitCode + "/reports/" + r.year;
    }

    private static List<Waiver> checkWaivers(List<Finding> findings, List<Waiver> given, String by) {
        List<Violation> v = new ArrayList<>();
        Set<String> errorKeys = new HashSet<>();
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                errorKeys.add(f.rule() + "@" + ReviewedFinding.cellKey(f));
                if (ReviewedFinding.waiverFor(f, given).isEmpty()) {
                    v.add(new Violation("waivers", "error " + f.rule() + " at " + f.cell().label() + " (printed "
                            + f.printed() + ", expected " + f.expected() + ") needs a correction or a waiver {\"rule\": \""
                            + f.rule() + "\", \"cell\": \"" + ReviewedFinding.cellKey(f) + "\", \"reason\": \"…\"}"));
                }
            }
        }
        String at = Instant.now().toString();
        List<Waiver> kept = new ArrayList<>();
        for (int i = 0; i < given.size(); i++) {
            Waiver w = given.get(i);
            if (w == null || w.rule() == null || w.cell() == null || !errorKeys.contains(w.rule() + "@" + w.cell())) {
                v.add(new Violation("waivers[" + i + "]", "waives no error finding of this report"
                        + (w == null ? "" : " (" + w.rule() + " at " + w.cell() + ")")));
            } else if (UnicodeText.visibleCount(w.reason()) < MIN_REASON) {
                v.add(new Violation("waivers[" + i + "].reason", "required: the written reason (at least " + MIN_REASON
                        + " visible characters)"));
            } else {
                kept.add(new Waiver(w.rule(), w.cell(), w.reason().strip(), by, at));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return kept;
    }

    private UnitReport current(String unitCode, int year) {
        return store.workingCopy(unitCode, year).orElseThrow(
                () -> new NotFoundProblem("unit '" + unitCode + "' has no report for " + year));
    }

    /**
     * One row of the report's decision trail, to append; rows are never updated or deleted. Who is the caller
     * (username and subject); {@code label} is what they typed in {@code by}, kept for display only. A unit's save of
     * a returned report is the trail's {@code edit} (returned → draft), so that the history lists every move.
     */
    static ReportTransition transition(UnitReport r, ReportState from, Caller caller, String label, String note) {
        ReportTransition t = new ReportTransition();
        t.unitCode = r.unitCode;
        t.year = r.year;
        t.version = r.version;
        t.fromState = from.id();
        t.toState = r.state;
        t.actor = caller.username();
        t.actorSubject = caller.subject();
        t.actorLabel = UnicodeText.isBlank(label) ? null : label.strip();
        t.note = note;
        t.at = Instant.now();
        return t;
    }

    /** The findings and waivers kept with a version. */
    public static List<ReviewedFinding> reviewed(ReportVersion v) {
        List<Finding> findings = ReportJson.read(v.findings, new TypeReference<List<Finding>>() { });
        List<Waiver> waivers = ReportJson.read(v.waivers, new TypeReference<List<Waiver>>() { });
        return ReviewedFinding.of(findings, waivers);
    }

    /** The report a version holds. */
    public static ReportBody report(ReportVersion v) {
        return ReportJson.read(v.body);
    }
}
