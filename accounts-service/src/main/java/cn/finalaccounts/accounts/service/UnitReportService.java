package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.ReportStore;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountCeiling;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.ReportOrder;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves the working copy of a unit's report of a year while it is editable (a draft, or returned). Each save
 * that changes a figure makes a new revision and, in the same transaction, an outbox event in state draft (without
 * the figures: no 汇总 counts a draft; whoever follows drafts reads the working copy over the API), and a line of the
 * audit trail.
 */
@ApplicationScoped
public class UnitReportService {
    private final FiscalYears years = FiscalYears.current();
    private final ReportParser parser = new ReportParser(years);

    @Inject
    ReportAudit audit;

    @Inject
    ReportEvents events;

    @Inject
    AuditTrail trail;

    @Inject
    ReportStore store;

    @Inject
    UnitLock unitLock;

    /** The stored working copy, whether it was created or changed, and its audit (done once per body, kept with it). */
    public record Outcome(UnitReport report, boolean created, boolean changed, ReportAudit.Audited audited) {
    }

    @Transactional
    public Outcome save(String unitCode, int year, JsonNode body, Caller caller) {
        ReportStore.LockedNode unit = unitLock.lock(unitCode, year);
        if (!NodeKind.UNIT.id().equals(unit.kind())) {
            throw new InvalidInputException("unit", unitCode + " is a " + unit.kind() + "; only a budget unit files a report");
        }
        ReportBody report = parser.parse(body);
        List<Violation> v = new ArrayList<>();
        if (!report.unit().equals(unitCode)) {
            v.add(new Violation("unit", "the body names unit '" + report.unit() + "' but the path names '" + unitCode + "'"));
        }
        if (report.year() != year) {
            v.add(new Violation("year", "the body names year " + report.year() + " but the path names " + year));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }

        UnitReport stored = store.workingCopy(unitCode, year).orElse(null);
        if (stored != null) {
            requireEditable(stored);
        }
        // In the template's order: the same figures sent as JSON or as a workbook are the same body.
        String canonical = ReportJson.write(ReportOrder.canonical(report, years.year(year).orElseThrow()));
        boolean unchanged = stored != null && stored.body.equals(canonical);
        // Audited once per body: an identical save reuses the kept audit while what it read besides the body holds.
        ReportAudit.Basis basis = audit.basis(unit, year);
        boolean kept = unchanged && ReportAudit.holds(stored, basis);
        ReportAudit.Audited audited = kept ? ReportAudit.kept(stored) : audit.audit(report, basis);
        // The derived 款, 类 and 合计 travel to the 汇总 and to performance-service like the cells sent.
        AmountCeiling.check(audited.completed(), v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        if (unchanged) {
            if (!kept) {
                ReportAudit.keep(stored, basis, audited);
                store.save(stored);
            }
            return new Outcome(stored, false, false, audited);
        }
        boolean created = stored == null;
        ReportState before = created ? ReportState.DRAFT : ReportState.fromId(stored.state);
        long revision = created ? 0 : stored.revision;
        if (created) {
            stored = new UnitReport();
            stored.unitCode = unitCode;
            stored.year = year;
        }
        stored.revision++;
        stored.state = ReportState.DRAFT.id();
        stored.amountUnit = report.amountUnit().label();
        stored.cellCount = report.tables().stream().mapToInt(t -> t.cells().size()).sum();
        stored.body = canonical;
        ReportAudit.keep(stored, basis, audited);
        stored.savedAt = Instant.now();
        stored.updatedBy = caller.username();
        store.save(stored);
        // The caller made the figures of the version this working copy becomes at its next submission.
        store.edited(unitCode, year, stored.version + 1, caller.subject(), caller.username());
        if (before == ReportState.RETURNED) {
            store.append(ReportWorkflow.transition(stored, before, caller, null, null));
        }
        trail.record(caller, "report.save", ReportWorkflow.resource(stored), unitCode, (created ? "created revision 1"
                : "revision " + revision + " → " + stored.revision + " (" + before.id() + " → draft)") + ", body "
                + AuditTrail.digest(canonical));
        events.reportChanged(stored, null);
        return new Outcome(stored, created, true, audited);
    }

    private static void requireEditable(UnitReport r) {
        ReportState state = ReportState.fromId(r.state);
        if (state == ReportState.APPROVED) {
            throw new ConflictProblem("the " + r.year + " report of " + r.unitCode + " was approved as version " + r.version
                    + " and is locked: approved figures are the official ones and cannot be edited");
        }
        if (!state.editable()) {
            throw new ConflictProblem("the " + r.year + " report of " + r.unitCode + " is submitted as version " + r.version
                    + " and awaits review; it can be edited again once the reviewer returns it");
        }
    }
}
