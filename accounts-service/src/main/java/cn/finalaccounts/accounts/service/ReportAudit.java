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
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Completes a unit's report with its derived subtotals and runs the year's rule book over it, with last year's
 * report of the unit for the cross-year rules when there is one.
 */
@ApplicationScoped
public class ReportAudit {

    /** The report with derived subtotals, and what the rules found in it. */
    public record Audited(ReportBody completed, List<Finding> findings) {
    }

    @Timed(value = "fa.audit", description = "Completing a unit report's subtotals and running the rule book over it")
    public Audited audit(ReportBody sent) {
        FiscalYear year = FiscalYears.bundled().year(sent.year()).orElseThrow();
        ReportBody completed = SubtotalDeriver.complete(sent, year);
        ReportBody previous = previousYear(sent.unit(), sent.year());
        OrgNode unit = OrgNode.byCode(sent.unit());
        UnitType type = unit == null || unit.unitType == null ? null : UnitType.fromLabel(unit.unitType);
        return new Audited(completed, new Auditor(year).audit(new AuditInput(completed, previous, type)));
    }

    /** Last year's approved figures when there are any, otherwise last year's working copy. */
    static ReportBody previousYear(String unit, int year) {
        List<ReportVersion> versions = ReportVersion.of(unit, year - 1);
        for (int i = versions.size() - 1; i >= 0; i--) {
            if (ReportState.APPROVED.id().equals(versions.get(i).state)) {
                return ReportJson.read(versions.get(i).body);
            }
        }
        return UnitReport.of(unit, year - 1)
                .flatMap(r -> FiscalYears.bundled().year(year - 1)
                        .map(y -> SubtotalDeriver.complete(ReportJson.read(r.body), y)))
                .orElse(null);
    }
}
