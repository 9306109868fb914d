package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import cn.finalaccounts.fiscal.workflow.CountedView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A node's whole 汇总 as the service keeps it: the sheet of what lies below it, in memory ({@link LiveSummaries}),
 * plus its own contribution when the node is a unit that files reports ({@code unit_contribution}). A department's
 * or a region's 汇总 is read from memory alone; a unit's costs one query of its contribution.
 */
@ApplicationScoped
public class KeptSummaries {
    @Inject
    LiveSummaries live;

    @Inject
    ContributionStore contributions;

    /** Whether a known node files reports of its own (a unit): the others have no contribution to read. */
    private final Map<String, Boolean> files = new ConcurrentHashMap<>();

    /**
     * What a rendering of a node's 汇总 depends on: the tree's tag (names, kinds, the units expected), the number of
     * the last change of the sheet kept for what lies below it, and the version of its own contribution (-1: none).
     * Equal tags, equal figures.
     */
    public record Tags(long tree, long sheet, long own) {
    }

    public Tags tags(String node, CountedView view, int year) {
        long tree = live.treeTag();
        long sheet = live.seqOf(new SummaryKey(node, view, year));
        long own = -1;
        if (filesReports(node)) {
            List<Contribution> versions = contributions.versionsOf(List.of(node), year, view);
            own = versions.isEmpty() ? -1 : versions.get(0).version();
        }
        return new Tags(tree, sheet, own);
    }

    /** The node's 汇总 of one year in one view (a copy); cells that net to zero may be present, blank reads as zero. */
    public CellSheet read(String node, CountedView view, int year) {
        CellSheet sheet = live.below(new SummaryKey(node, view, year));
        if (filesReports(node)) {
            contributions.findAll(List.of(node), year, view).forEach(c -> sheet.addAll(c.cells()));
        }
        return sheet;
    }

    /** Every 汇总 (all views and years) of the listed nodes that holds anything. */
    public Map<SummaryKey, CellSheet> readAll(Collection<String> nodes) {
        Set<String> wanted = Set.copyOf(nodes);
        Map<SummaryKey, CellSheet> all = new HashMap<>();
        for (SummaryKey key : live.keys()) {
            if (wanted.contains(key.node())) {
                all.put(key, live.below(key));
            }
        }
        for (Contribution c : contributions.allOf(wanted)) {
            all.computeIfAbsent(new SummaryKey(c.unit(), c.view(), c.year()), k -> new CellSheet()).addAll(c.cells());
        }
        all.values().removeIf(CellSheet::isEmpty);
        return all;
    }

    /** The keys of every sheet kept for what lies below a node. */
    public Set<SummaryKey> keys() {
        return live.keys();
    }

    /**
     * Whether the node is a unit, or not known yet (a unit's report may arrive before its node's event). A node's kind
     * never changes, so a known node's answer is remembered: a read of a department or a region asks the database
     * nothing.
     */
    private boolean filesReports(String node) {
        Boolean known = files.get(node);
        if (known != null) {
            return known;
        }
        OrgNode n = OrgNode.findById(node);
        if (n == null) {
            return true;
        }
        boolean unit = NodeKind.UNIT.id().equals(n.kind);
        files.put(node, unit);
        return unit;
    }
}
