package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.ReportStore;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitPredecessor;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.year.LastYear;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Completes a unit's report with its derived subtotals and runs the year's rule book over it, with last year's
 * report of the unit for the cross-year rules when there is one.
 *
 * <p>The audit of a working copy is done once per saved body and kept with it ({@link #keep}); the submission of
 * that body and every read reuse it while its {@link Basis} — everything besides the body that the audit read —
 * is unchanged. When last year's report, the unit's type or the rule book changed, the kept audit no longer holds:
 * a read recomputes it, a submission audits again and keeps the new result, so a reuse never hides a finding.
 */
@ApplicationScoped
public class ReportAudit {
    private static final TypeReference<List<Finding>> FINDINGS = new TypeReference<>() { };

    @Inject
    ReportStore store;

    /** The report with derived subtotals, and what the rules found in it. */
    public record Audited(ReportBody completed, List<Finding> findings) {
    }

    /**
     * One of last year's reports a comparison reads: the unit's own, or one of the units it was merged from; an
     * approved version, or else the working copy at a revision.
     */
    public record LastYearReport(String unit, Integer approved, Long workingRevision) {
        String describe() {
            return approved != null ? "approved version " + approved : "working copy revision " + workingRevision;
        }
    }

    /**
     * What an audit of a unit's report of a year read besides the report: the rule book (its digest), the unit's
     * type, and which of last year's reports the cross-year rules compared with — the unit's own, or its merged
     * predecessors', or none. {@code text} is what is stored and compared.
     */
    public record Basis(String text, String unit, int year, List<LastYearReport> lastYear, UnitType unitType) {
    }

    /** The basis as it stands now, for a read: the unit's node and what last year holds. */
    public Basis basis(String unit, int year) {
        OrgNode node = OrgNode.byCode(unit);
        return basis(unit, year, node == null ? null : node.unitType);
    }

    /** The basis for a write, the unit's node being locked and read already. */
    public Basis basis(ReportStore.LockedNode unit, int year) {
        return basis(unit.code(), year, unit.unitType());
    }

    private Basis basis(String unit, int year, String unitType) {
        String rules = FiscalYears.current().digest(year).orElse("none");
        UnitType type = unitType == null ? null : UnitType.fromLabel(unitType);
        List<LastYearReport> lastYear = lastYearReports(unit, year);
        String described = lastYear.isEmpty() ? "none"
                : lastYear.size() == 1 && lastYear.get(0).unit().equals(unit) ? lastYear.get(0).describe()
                : lastYear.stream().map(r -> r.unit() + " " + r.describe()).collect(Collectors.joining(" + "));
        String text = "rules " + year + " " + rules + "; unit type " + (type == null ? "none" : type.label())
                + "; last year " + described;
        return new Basis(text, unit, year, lastYear, type);
    }

    /**
     * The unit's own report of last year; without one, the reports of the units it was merged from (docs/years.md).
     * A unit split from another has none: its share of the other's figures is not known from the figures. One
     * statement for the unit (what it holds of last year and whom it was formed from), one per predecessor read.
     */
    List<LastYearReport> lastYearReports(String unit, int year) {
        ReportStore.YearHolding holding = store.holding(unit, year - 1);
        LastYearReport own = reportOf(unit, year - 1, holding);
        if (own != null) {
            return List.of(own);
        }
        List<ReportStore.Predecessor> predecessors = holding.predecessors();
        if (predecessors.isEmpty() || predecessors.stream().anyMatch(p -> !UnitPredecessor.MERGED.equals(p.relation()))) {
            return List.of();
        }
        List<LastYearReport> reports = new ArrayList<>();
        for (ReportStore.Predecessor p : predecessors) {
            LastYearReport r = reportOf(p.code(), year - 1, store.holding(p.code(), year - 1));
            if (r != null) {
                reports.add(r);
            }
        }
        return reports;
    }

    /** An approved version counts whatever its year; a working copy only of an open year (it is completed with it). */
    private static LastYearReport reportOf(String unit, int year, ReportStore.YearHolding holding) {
        if (holding.approvedVersion() != null) {
            return new LastYearReport(unit, holding.approvedVersion(), null);
        }
        Long revision = FiscalYears.current().year(year).isEmpty() ? null : holding.workingRevision();
        return revision == null ? null : new LastYearReport(unit, null, revision);
    }

    @Timed(value = "fa.audit", description = "Completing a unit report's subtotals and running the rule book over it")
    public Audited audit(ReportBody sent, Basis basis) {
        FiscalYear year = FiscalYears.current().year(sent.year()).orElseThrow();
        ReportBody completed = SubtotalDeriver.complete(sent, year);
        ReportBody previous = previous(basis);
        return new Audited(completed, new Auditor(year).audit(new AuditInput(completed, previous, basis.unitType())));
    }

    /** Whether the working copy's kept audit still holds for this basis. */
    public static boolean holds(UnitReport r, Basis basis) {
        return r.auditFindings != null && Objects.equals(r.auditBasis, basis.text());
    }

    /** Keeps an audit of the working copy's current body with it (in the caller's transaction). */
    public static void keep(UnitReport r, Basis basis, Audited audited) {
        r.auditBasis = basis.text();
        r.auditFindings = ReportJson.write(audited.findings());
    }

    /**
     * The kept audit: its findings as stored and the body completed again (deriving the subtotals is a tenth of a
     * millisecond; keeping a second copy of the figures cost a save more). Call only when it {@link #holds}.
     */
    public static Audited kept(UnitReport r) {
        return new Audited(SubtotalDeriver.complete(ReportJson.read(r.body), FiscalYears.current().year(r.year)
                .orElseThrow()), findings(r.auditFindings));
    }

    /** The findings kept as JSON with a working copy or a version. */
    public static List<Finding> findings(String json) {
        return ReportJson.read(json, FINDINGS);
    }

    /** The audit of the working copy as it stands: the kept one while it holds, otherwise recomputed (not stored). */
    public Audited ofWorkingCopy(UnitReport r) {
        Basis basis = basis(r.unitCode, r.year);
        return holds(r, basis) ? kept(r) : audit(ReportJson.read(r.body), basis);
    }

    /**
     * Last year's figures of the unit in this year's codes, completed (its own report, or its merged predecessors'
     * added up; each an approved version when there is one, otherwise the working copy); null when there are none.
     */
    ReportBody previousYear(String unit, int year) {
        return previous(unit, year, lastYearReports(unit, year));
    }

    private static ReportBody previous(Basis b) {
        return previous(b.unit(), b.year(), b.lastYear());
    }

    private static ReportBody previous(String unit, int year, List<LastYearReport> reports) {
        if (reports.isEmpty()) {
            return null;
        }
        List<ReportBody> bodies = new ArrayList<>();
        for (LastYearReport r : reports) {
            bodies.add(r.approved() != null
                    ? ReportJson.read(ReportVersion.of(r.unit(), year - 1, r.approved()).orElseThrow().body)
                    : SubtotalDeriver.complete(ReportJson.read(UnitReport.of(r.unit(), year - 1).orElseThrow().body),
                            FiscalYears.current().year(year - 1).orElseThrow()));
        }
        return LastYear.of(unit, FiscalYears.current().year(year).orElseThrow(), bodies,
                FiscalYears.current().mappings(year)).report();
    }
}
