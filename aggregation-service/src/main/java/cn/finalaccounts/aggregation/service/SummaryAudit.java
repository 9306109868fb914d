package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs the year's rule book over a node's 汇总, the same engine as for a unit's report, and names for each
 * finding the units whose own figures break the same check at the same cell: a sum of reports that each hold
 * an identity holds it too, so a 汇总 finding always comes from such units.
 */
@ApplicationScoped
public class SummaryAudit {
    @Inject
    KeptSummaries summaries;

    @Inject
    ContributionStore contributions;

    /** A finding of the 汇总 and the units whose figures cause it. */
    public record SummaryFinding(@JsonUnwrapped Finding finding, List<String> units) {
    }

    public List<SummaryFinding> audit(String nodeCode, int year, CountedView view) {
        FiscalYear fiscalYear = FiscalYears.current().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no 汇总 for " + year + ": the platform has templates for " + FiscalYears.current().available()));
        OrgNode node = OrgNode.findById(nodeCode);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        Auditor auditor = new Auditor(fiscalYear);
        CellSheet previous = summaries.read(nodeCode, view, year - 1);
        List<Finding> findings = auditor.audit(new AuditInput(ReportBody.fromSheet(nodeCode, year,
                summaries.read(nodeCode, view, year)), previous.isEmpty() ? null
                        : ReportBody.fromSheet(nodeCode, year - 1, previous), null));
        if (findings.isEmpty()) {
            return List.of();
        }
        // The year's units, each with its unit type as it stood then.
        Map<String, OrgNodeVersion> units = new HashMap<>();
        OrgNodeVersion.unitsUnder(nodeCode, year).forEach(u -> units.put(u.code, u));
        Map<String, Set<String>> unitsByKey = new HashMap<>();
        for (Contribution c : contributions.findAll(units.keySet(), year, view)) {
            String type = units.get(c.unit()).unitType;
            for (Finding f : auditor.audit(new AuditInput(ReportBody.fromSheet(c.unit(), year, c.cells()), null,
                    type == null ? null : UnitType.fromLabel(type)))) {
                unitsByKey.computeIfAbsent(key(f), k -> new HashSet<>()).add(c.unit());
            }
        }
        List<SummaryFinding> out = new ArrayList<>();
        for (Finding f : findings) {
            out.add(new SummaryFinding(f, unitsByKey.getOrDefault(key(f), Set.of()).stream().sorted().toList()));
        }
        return out;
    }

    private static String key(Finding f) {
        return f.rule() + "@" + f.cell().table() + "." + f.cell().row() + "." + f.cell().col();
    }
}
