package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.Contribution;
import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.persistence.TreeNode;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.workflow.RollupView;
import cn.finalaccounts.support.consumer.EventConsumer;
import cn.finalaccounts.support.consumer.OffsetStore;
import cn.finalaccounts.support.problem.NotFoundProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Reads a node's kept 汇总 and says how fresh it is. Reading never recomputes: the sums are kept. */
@ApplicationScoped
public class SummaryQuery {
    @Inject
    SummaryStore summaries;

    @Inject
    ContributionStore contributions;

    @Inject
    OffsetStore offsets;

    @Inject
    EventConsumer consumer;

    public SummaryView summary(String nodeCode, int year, RollupView view) {
        FiscalYear fiscalYear = FiscalYears.bundled().year(year).orElseThrow(() -> new NotFoundProblem(
                "there is no 汇总 for " + year + ": the platform has templates for " + FiscalYears.bundled().available()));
        TreeNode node = TreeNode.findById(nodeCode);
        CellSheet sheet = summaries.read(nodeCode, view, year);
        if (node == null && sheet.isEmpty()) {
            throw new NotFoundProblem("no node has the code '" + nodeCode + "'");
        }
        return new SummaryView(nodeCode, node == null ? null : node.name, node == null ? null : node.kind, year,
                AmountUnit.WAN_YUAN.label(), view.id(), tables(fiscalYear, sheet), freshness(nodeCode, node, year, view));
    }

    private static List<SummaryView.Table> tables(FiscalYear year, CellSheet sheet) {
        Map<String, List<SummaryView.Cell>> byTable = new LinkedHashMap<>();
        year.template().tables().forEach(t -> byTable.put(t.id(), new ArrayList<>()));
        for (Map.Entry<CellKey, BigDecimal> e : sheet.cells().entrySet()) {
            CellKey k = e.getKey();
            String label = year.template().table(k.table()).flatMap(t -> t.row(k.row())).map(RowTemplate::label).orElse(null);
            byTable.computeIfAbsent(k.table(), t -> new ArrayList<>())
                    .add(new SummaryView.Cell(k.row(), k.col(), label, Amounts.format(e.getValue())));
        }
        List<SummaryView.Table> tables = new ArrayList<>();
        byTable.forEach((id, cells) -> {
            TableTemplate template = year.template().table(id).orElse(null);
            if (template != null) {
                cells.sort(Comparator.comparing(SummaryView.Cell::row, template.rowOrder())
                        .thenComparing(SummaryView.Cell::col, TableTemplate.columnOrder()));
            }
            tables.add(new SummaryView.Table(id, template == null ? null : template.name(), cells));
        });
        return tables;
    }

    private SummaryView.Freshness freshness(String nodeCode, TreeNode node, int year, RollupView view) {
        Set<String> expected = new TreeSet<>();
        if (node != null && NodeKind.UNIT.id().equals(node.kind) && !node.removed) {
            expected.add(nodeCode);
        }
        TreeNode.descendantsOf(List.of(nodeCode)).stream()
                .filter(n -> NodeKind.UNIT.id().equals(n.kind) && !n.removed)
                .forEach(n -> expected.add(n.code));
        List<SummaryView.UnitIn> in = new ArrayList<>();
        Set<String> missing = new TreeSet<>(expected);
        for (Contribution c : contributions.versionsOf(expected, year, view)) {
            in.add(new SummaryView.UnitIn(c.unit(), c.version(), c.state(), c.appliedAt().toString()));
            missing.remove(c.unit());
        }
        Instant last = offsets.lastAppliedAt();
        return new SummaryView.Freshness(expected.size(), in, List.copyOf(missing), last == null ? null : last.toString(),
                consumer.lag());
    }
}
