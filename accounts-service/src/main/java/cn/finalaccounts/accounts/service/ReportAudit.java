package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.ReportVersion;
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
import cn.finalaccounts.fiscal.workflow.ReportState;
import com.fasterxml.jackson.core.type.TypeReference;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

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

    /** The report with derived subtotals, and what the rules found in it. */
    public record Audited(ReportBody completed, List<Finding> findings) {
    }

    /**
     * What an audit of a unit's report of a year read besides the report: the rule book (its build's digest), the
     * unit's type, and which of last year's reports the cross-year rules compared with — an approved version, or
     * the working copy at a revision, or none. {@code text} is what is stored and compared.
     */
    public record Basis(String text, String unit, int year, Integer lastYearApproved, boolean lastYearWorkingCopy,
            UnitType unitType) {
    }

    /** The basis as it stands now: two small queries and the unit's node (locked already on a write). */
    public Basis basis(String unit, int year) {
        String rules = FiscalYears.current().digest(year).orElse("none");
        OrgNode node = OrgNode.byCode(unit);
        UnitType type = node == null || node.unitType == null ? null : UnitType.fromLabel(node.unitType);
        Integer approved = lastApprovedVersion(unit, year - 1);
        Long workingRevision = approved != null || FiscalYears.current().year(year - 1).isEmpty() ? null
                : workingCopyRevision(unit, year - 1);
        String lastYear = approved != null ? "approved version " + approved
                : workingRevision != null ? "working copy revision " + workingRevision : "none";
        String text = "rules " + year + " " + rules + "; unit type " + (type == null ? "none" : type.label())
                + "; last year " + lastYear;
        return new Basis(text, unit, year, approved, workingRevision != null, type);
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
        return r.auditedBody != null && r.auditFindings != null && Objects.equals(r.auditBasis, basis.text());
    }

    /** Keeps an audit of the working copy's current body with it (in the caller's transaction). */
    public static void keep(UnitReport r, Basis basis, Audited audited) {
        r.auditBasis = basis.text();
        r.auditedBody = ReportJson.write(audited.completed());
        r.auditFindings = ReportJson.write(audited.findings());
    }

    /** The kept audit as it was stored; call only when it {@link #holds}. */
    public static Audited kept(UnitReport r) {
        return new Audited(ReportJson.read(r.auditedBody), findings(r.auditFindings));
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

    /** Last year's approved figures when there are any, otherwise last year's working copy. */
    static ReportBody previousYear(String unit, int year) {
        Integer approved = lastApprovedVersion(unit, year - 1);
        return previous(new Basis(null, unit, year, approved, approved == null, null));
    }

    private static ReportBody previous(Basis b) {
        if (b.lastYearApproved() != null) {
            return ReportJson.read(ReportVersion.of(b.unit(), b.year() - 1, b.lastYearApproved()).orElseThrow().body);
        }
        if (!b.lastYearWorkingCopy()) {
            return null;
        }
        return UnitReport.of(b.unit(), b.year() - 1)
                .flatMap(r -> FiscalYears.current().year(b.year() - 1)
                        .map(y -> SubtotalDeriver.complete(ReportJson.read(r.body), y)))
                .orElse(null);
    }

    private static Integer lastApprovedVersion(String unit, int year) {
        return UnitReport.getEntityManager().createQuery("SELECT MAX(v.version) FROM ReportVersion v"
                + " WHERE v.unitCode = ?1 AND v.year = ?2 AND v.state = ?3", Integer.class)
                .setParameter(1, unit).setParameter(2, year).setParameter(3, ReportState.APPROVED.id())
                .getSingleResult();
    }

    private static Long workingCopyRevision(String unit, int year) {
        return UnitReport.getEntityManager().createQuery("SELECT r.revision FROM UnitReport r"
                + " WHERE r.unitCode = ?1 AND r.year = ?2", Long.class)
                .setParameter(1, unit).setParameter(2, year)
                .getResultStream().findFirst().orElse(null);
    }
}
