package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountCeiling;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.ReportOrder;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
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

    /** The stored working copy, whether it was created or changed, and its audit (done once per body, kept with it). */
    public record Outcome(UnitReport report, boolean created, boolean changed, ReportAudit.Audited audited) {
    }

    @Transactional
    public Outcome save(String unitCode, int year, JsonNode body, Caller caller) {
        OrgNode unit = lockUnit(unitCode, year);
        if (!NodeKind.UNIT.id().equals(unit.kind)) {
            throw new InvalidInputException("unit", unitCode + " is a " + unit.kind + "; only a budget unit files a report");
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

        UnitReport stored = UnitReport.of(unitCode, year).orElse(null);
        if (stored != null) {
            requireEditable(stored);
        }
        // In the template's order: the same figures sent as JSON or as a workbook are the same body.
        String canonical = ReportJson.write(ReportOrder.canonical(report, years.year(year).orElseThrow()));
        boolean unchanged = stored != null && stored.body.equals(canonical);
        // Audited once per body: an identical save reuses the kept audit while what it read besides the body holds.
        ReportAudit.Basis basis = audit.basis(unitCode, year);
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
        if (created) {
            stored.persist();
        }
        ReportEditors.saved(stored, caller);
        if (before == ReportState.RETURNED) {
            ReportWorkflow.edited(stored, before, caller);
        }
        trail.record(caller, "report.save", ReportWorkflow.resource(stored), unitCode, (created ? "created revision 1"
                : "revision " + revision + " → " + stored.revision + " (" + before.id() + " → draft)") + ", body "
                + AuditTrail.digest(canonical));
        events.reportChanged(stored, null);
        return new Outcome(stored, created, true, audited);
    }

    /**
     * The unit's node, locked so that saves and transitions of one unit's reports run one at a time. Its report of a
     * year changes only while the unit is part of that year's tree: a unit out of the tree from 2024 still files and
     * corrects its 2023 决算.
     */
    static OrgNode lockUnit(String unitCode, int year) {
        OrgNode unit = OrgNode.findById(unitCode, LockModeType.PESSIMISTIC_WRITE);
        if (unit == null) {
            throw new NotFoundProblem("no unit has the code '" + unitCode + "'; register it with PUT /api/v1/units/" + unitCode);
        }
        NodeHistory history = OrgNodeVersion.historyOf(unitCode).orElseThrow();
        if (!history.inTree(year)) {
            throw new ConflictProblem(history.at(year).isPresent()
                    ? unitCode + " was removed from the tree of " + year + "; its " + year + " report can be read but not changed"
                    : unitCode + " is not in the tree of " + year + " (its first year is " + history.years().get(0)
                            + "); it files reports from that year on");
        }
        return unit;
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
