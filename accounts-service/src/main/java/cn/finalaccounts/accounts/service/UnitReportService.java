package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.outbox.OutboxWriter;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Saves a unit's report of a year. Each save that changes a figure makes a new version and, in the same
 * transaction, an outbox event carrying the whole report.
 */
@ApplicationScoped
public class UnitReportService {
    /** Until the submission workflow exists every saved report is a draft. */
    public static final String DRAFT = "draft";

    private final ReportParser parser = new ReportParser(FiscalYears.bundled());

    @Inject
    OutboxWriter outbox;

    public record Outcome(UnitReport report, boolean created, boolean changed) {
    }

    @Transactional
    public Outcome save(String unitCode, int year, JsonNode body) {
        // Locking the unit's node serialises saves of one unit, so two first saves cannot both insert.
        OrgNode unit = OrgNode.findById(unitCode, LockModeType.PESSIMISTIC_WRITE);
        if (unit == null) {
            throw new NotFoundProblem("no unit has the code '" + unitCode + "'; register it with PUT /api/v1/units/" + unitCode);
        }
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

        String canonical = EventCodec.tree(report).toString();
        UnitReport stored = UnitReport.of(unitCode, year).orElse(null);
        if (stored != null && stored.body.equals(canonical)) {
            return new Outcome(stored, false, false);
        }
        boolean created = stored == null;
        if (created) {
            stored = new UnitReport();
            stored.unitCode = unitCode;
            stored.year = year;
            stored.version = 0;
        }
        stored.version++;
        stored.state = DRAFT;
        stored.amountUnit = report.amountUnit().label();
        stored.cellCount = report.tables().stream().mapToInt(t -> t.cells().size()).sum();
        stored.body = canonical;
        stored.savedAt = Instant.now();
        if (created) {
            stored.persist();
        }
        outbox.append(Topics.UNIT_REPORTS, unitCode, UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(unitCode, year, stored.version, stored.state, report, stored.savedAt.toString()));
        return new Outcome(stored, created, true);
    }
}
