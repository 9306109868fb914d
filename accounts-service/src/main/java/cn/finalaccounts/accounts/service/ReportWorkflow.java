package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
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
 * correction is needed; the approved figures keep counting until the corrected version is approved). A reviewer cannot decide on a version they
 * submitted themselves (maker-checker). Every move is appended to the report's decision trail
 * ({@code report_transition}, never updated: an approval stays on record after a return) and published, in the
 * same transaction.
 */
@ApplicationScoped
public class ReportWorkflow {
    private static final int MIN_REASON = 4;

    @Inject
    ReportAudit audit;

    @Inject
    ReportEvents events;

    /** {@code {"by": "…", "waivers": [{"rule": "A7.05", "cell": "05.total.2", "reason": "…"}]}} */
    public record SubmitRequest(String by, List<Waiver> waivers) {
    }

    /** {@code {"by": "…", "reason": "…"}}; the reason is required to return a report, optional to approve. */
    public record DecisionRequest(String by, String reason) {
    }

    @Transactional
    public UnitReport submit(String unitCode, int year, SubmitRequest request) {
        UnitReportService.lockUnit(unitCode);
        UnitReport report = current(unitCode, year);
        ReportState from = ReportState.fromId(report.state);
        if (!from.maySubmit()) {
            throw new ConflictProblem("the report is " + from.id() + " (version " + report.version + "); only a draft or"
                    + " a returned report can be submitted");
        }
        String by = actor(request == null ? null : request.by());
        ReportAudit.Audited audited = audit.audit(ReportJson.read(report.body));
        List<Waiver> waivers = checkWaivers(audited.findings(), request.waivers() == null ? List.of() : request.waivers(),
                by);

        report.version++;
        report.revision++;
        report.state = ReportState.SUBMITTED.id();
        report.updatedBy = by;
        ReportVersion v = new ReportVersion();
        v.unitCode = unitCode;
        v.year = year;
        v.version = report.version;
        v.state = report.state;
        v.body = ReportJson.write(audited.completed());
        v.findings = ReportJson.write(audited.findings());
        v.waivers = ReportJson.write(waivers);
        v.submittedBy = by;
        v.submittedAt = Instant.now();
        v.persist();
        record(report, from, by, waivers.isEmpty() ? null : waivers.size() + " waiver(s)");
        events.reportChanged(report, audited.completed());
        return report;
    }

    @Transactional
    public UnitReport approve(String unitCode, int year, DecisionRequest request) {
        return decide(unitCode, year, request, ReportState.APPROVED);
    }

    @Transactional
    public UnitReport returnForCorrection(String unitCode, int year, DecisionRequest request) {
        if (request == null || request.reason() == null || request.reason().isBlank()) {
            throw new InvalidInputException("reason", "required: say what the unit must correct");
        }
        return decide(unitCode, year, request, ReportState.RETURNED);
    }

    private UnitReport decide(String unitCode, int year, DecisionRequest request, ReportState to) {
        UnitReportService.lockUnit(unitCode);
        UnitReport report = current(unitCode, year);
        ReportState from = ReportState.fromId(report.state);
        if (to == ReportState.APPROVED ? !from.mayApprove() : !from.mayReturn()) {
            throw new ConflictProblem("the report is " + from.id() + "; only a submitted report can be approved, and"
                    + " only a submitted or an approved one returned");
        }
        String by = actor(request == null ? null : request.by());
        ReportVersion v = ReportVersion.of(unitCode, year, report.version).orElseThrow();
        if (v.submittedBy.equals(by)) {
            throw new InvalidInputException("by", by + " submitted version " + v.version
                    + "; another person must review it (maker-checker)");
        }
        report.state = to.id();
        report.revision++;
        report.updatedBy = by;
        // The version's state moves on; who decided, when and why is appended to its trail, never written here.
        v.state = to.id();
        record(report, from, by, request.reason());
        events.reportChanged(report, ReportJson.read(v.body));
        return report;
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
            } else if (w.reason() == null || w.reason().strip().length() < MIN_REASON) {
                v.add(new Violation("waivers[" + i + "].reason", "required: the written reason (at least " + MIN_REASON
                        + " characters)"));
            } else {
                kept.add(new Waiver(w.rule(), w.cell(), w.reason().strip(), by, at));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return kept;
    }

    private static UnitReport current(String unitCode, int year) {
        return UnitReport.of(unitCode, year).orElseThrow(
                () -> new NotFoundProblem("unit '" + unitCode + "' has no report for " + year));
    }

    private static String actor(String by) {
        if (by == null || by.isBlank()) {
            throw new InvalidInputException("by", "required: who does this (name or account of the person)");
        }
        if (by.length() > 100) {
            throw new InvalidInputException("by", "at most 100 characters");
        }
        return by.strip();
    }

    /**
     * A unit saved a returned report: it is a draft again. Recorded as the trail's {@code edit}, so that the history
     * lists every move the report made (the save itself is kept as a revision and published as a draft event).
     * Called by {@link UnitReportService#save} in its transaction, after the unit was locked.
     */
    static void edited(UnitReport r, ReportState from, String by) {
        record(r, from, by == null || by.isBlank() ? null : by.strip(), null);
    }

    /** Appends one row to the report's decision trail; rows are never updated or deleted. */
    private static void record(UnitReport r, ReportState from, String by, String note) {
        ReportTransition t = new ReportTransition();
        t.unitCode = r.unitCode;
        t.year = r.year;
        t.version = r.version;
        t.fromState = from.id();
        t.toState = r.state;
        t.actor = by;
        t.note = note;
        t.at = Instant.now();
        t.persist();
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
