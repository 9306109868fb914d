package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Explains a figure of a 汇总 (promise 6): which children of the node add up to it, and which units' report
 * versions, with how much each. The units' amounts add up to the figure exactly.
 */
@ApplicationScoped
public class Lineage {
    @Inject
    KeptSummaries summaries;

    @Inject
    ContributionStore contributions;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CellLineage(String node, int year, String view, String table, String row, String col, String rowLabel,
            String amount, List<Child> children, List<UnitShare> units, String unitsTotal) {
    }

    public record Child(String node, String name, String kind, String amount) {
    }

    public record UnitShare(String unit, String name, long version, String state, String appliedAt, String amount) {
    }

    /** One child of a node with its 汇总 cells of one table: the drill-down one level. */
    public record ChildSummary(String node, String name, String kind, int unitsIn, List<SummaryView.Cell> cells) {
    }

    public CellLineage of(String nodeCode, int year, CountedView view, CellKey cell) {
        existing(nodeCode);
        // A cell no report can have is not a figure of 0.00: it does not exist.
        FiscalYears.current().year(year)
                .orElseThrow(() -> new NotFoundProblem("there is no template for " + year + "; templates exist for "
                        + FiscalYears.current().available()))
                .template().unknownCell(cell.table(), cell.row(), cell.col())
                .ifPresent(reason -> {
                    throw new NotFoundProblem(reason);
                });
        BigDecimal amount = summaries.read(nodeCode, view, year).cells().get(cell);
        List<Child> children = new ArrayList<>();
        for (OrgNodeVersion child : OrgNodeVersion.childrenOf(nodeCode, year)) {
            BigDecimal a = summaries.read(child.code, view, year).cells().get(cell);
            if (a != null) {
                children.add(new Child(child.code, child.name, child.kind, Amounts.format(a)));
            }
        }
        Map<String, OrgNodeVersion> units = new HashMap<>();
        OrgNodeVersion.unitsUnder(nodeCode, year).forEach(u -> units.put(u.code, u));
        List<UnitShare> shares = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        for (Contribution c : contributions.findAll(units.keySet(), year, view)) {
            BigDecimal a = c.cells().cells().get(cell);
            if (a != null && a.signum() != 0) {
                total = total.add(a);
                shares.add(new UnitShare(c.unit(), units.get(c.unit()).name, c.version(), c.state(),
                        c.appliedAt().toString(), Amounts.format(a)));
            }
        }
        String label = FiscalYears.current().year(year).flatMap(y -> y.template().table(cell.table()))
                .flatMap(t -> t.row(cell.row())).map(RowTemplate::label).orElse(null);
        return new CellLineage(nodeCode, year, view.id(), cell.table(), cell.row(), cell.col(), label,
                amount == null ? null : Amounts.format(amount), children, shares, Amounts.format(total));
    }

    public List<ChildSummary> children(String nodeCode, int year, CountedView view, String table) {
        existing(nodeCode);
        // Each cell carries its printed row label, as the 汇总's own cells do (the contract has it non-null).
        var template = FiscalYears.current().year(year).flatMap(y -> y.template().table(table));
        List<ChildSummary> out = new ArrayList<>();
        for (OrgNodeVersion child : OrgNodeVersion.childrenOf(nodeCode, year)) {
            CellSheet sheet = summaries.read(child.code, view, year);
            List<SummaryView.Cell> cells = new ArrayList<>();
            sheet.sorted().forEach((k, v) -> {
                if (k.table().equals(table)) {
                    String label = template.flatMap(t -> t.row(k.row())).map(RowTemplate::label).orElse(k.row());
                    cells.add(new SummaryView.Cell(k.row(), k.col(), label, Amounts.format(v)));
                }
            });
            int unitsIn = contributions.versionsOf(OrgNodeVersion.unitsUnder(child.code, year).stream().map(n -> n.code).toList(),
                    year, view).size();
            out.add(new ChildSummary(child.code, child.name, child.kind, unitsIn, cells));
        }
        return out;
    }

    private static OrgNode existing(String code) {
        OrgNode node = OrgNode.findById(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return node;
    }
}
