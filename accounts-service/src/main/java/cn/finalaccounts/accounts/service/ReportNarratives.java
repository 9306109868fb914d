package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.narrative.Narrative;
import cn.finalaccounts.fiscal.narrative.NarrativeWriter;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The 情况说明 of a unit's working copy: its figures with the derived subtotals, last year's figures of the unit (its
 * own report, or its merged predecessors') for the year-over-year changes (the same one the cross-year audit rules read), and the unit's 单位性质 for 机关运行经费.
 */
@ApplicationScoped
public class ReportNarratives {
    @Inject
    ReportAudit audit;


    public Narrative of(UnitReport report) {
        FiscalYear year = FiscalYears.current().year(report.year).orElseThrow();
        ReportBody completed = SubtotalDeriver.complete(ReportJson.read(report.body), year);
        // Completed already, in this year's codes: the unit's own report or its merged predecessors' added.
        ReportBody lastYear = audit.previousYear(report.unitCode, report.year);
        OrgNode unit = OrgNode.byCode(report.unitCode);
        UnitType type = unit == null || unit.unitType == null ? null : UnitType.fromLabel(unit.unitType);
        return new NarrativeWriter(year).write(completed, lastYear, type);
    }
}
