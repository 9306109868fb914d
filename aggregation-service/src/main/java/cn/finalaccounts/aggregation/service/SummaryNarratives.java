package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.narrative.Narrative;
import cn.finalaccounts.fiscal.narrative.NarrativeWriter;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.support.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The 情况说明 of a node's 汇总 (simple: the sum of its units' reports), with last year's 汇总 for the changes when
 * there is one. A region or department is no unit, so it has no 单位性质: its 机关运行经费 is left as a gap (it is
 * the 公用经费 of its 行政 and 参公 units only, which the summed tables cannot tell apart).
 */
@ApplicationScoped
public class SummaryNarratives {
    @Inject
    KeptSummaries summaries;

    public Narrative of(String nodeCode, int year, cn.finalaccounts.fiscal.workflow.CountedView view) {
        FiscalYear fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no 汇总 for " + year + ": the platform has templates for " + FiscalYears.current().available()));
        OrgNode node = OrgNode.findById(nodeCode);
        CellSheet sheet = summaries.read(nodeCode, view, year);
        if (node == null && sheet.isEmpty()) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        // Units' figures arrive with their subtotals derived; completing the sum again only fills what all left blank.
        ReportBody now = SubtotalDeriver.complete(ReportBody.fromSheet(nodeCode, year, sheet), fiscalYear);
        CellSheet previous = summaries.read(nodeCode, view, year - 1);
        ReportBody lastYear = previous.isEmpty() ? null : FiscalYears.current().year(year - 1)
                .map(y -> SubtotalDeriver.complete(ReportBody.fromSheet(nodeCode, year - 1, previous), y))
                .orElse(ReportBody.fromSheet(nodeCode, year - 1, previous));
        // The unit's type as it stood in the year.
        String unitType = OrgNodeVersion.at(nodeCode, year).map(v -> v.unitType).orElse(node == null ? null : node.unitType);
        UnitType type = node != null && "unit".equals(node.kind) && unitType != null
                ? UnitType.parse(unitType).orElse(null) : null;
        return new NarrativeWriter(fiscalYear).write(now, lastYear, type);
    }
}
