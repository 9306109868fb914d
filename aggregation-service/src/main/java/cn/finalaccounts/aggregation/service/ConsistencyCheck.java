package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.Contribution;
import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.persistence.SummaryStore.SummaryKey;
import cn.finalaccounts.aggregation.persistence.TreeNode;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recomputes every node's 汇总 from scratch — the counted contributions of the units below it, summed over the
 * tree as it stands — and compares it, cell for cell, with the kept one. The exactly-once tests end with it;
 * an operator can run it at any time.
 */
@ApplicationScoped
public class ConsistencyCheck {
    private static final int MAX_LISTED = 100;

    @Inject
    SummaryStore summaries;

    @Inject
    ContributionStore contributions;

    /** A cell where the kept 汇总 and the recomputation differ (null: blank or zero on that side). */
    public record Discrepancy(String node, String view, int year, String table, String row, String col, String kept,
            String recomputed) {
    }

    public record Result(boolean consistent, int summariesCompared, long cellsCompared, long discrepancyCount,
            List<Discrepancy> discrepancies) {
    }

    @Transactional
    public Result run() {
        Map<String, String> parentOf = new HashMap<>();
        for (TreeNode n : TreeNode.<TreeNode>listAll()) {
            parentOf.put(n.code, n.parentCode);
        }
        Map<SummaryKey, CellSheet> expected = new HashMap<>();
        for (Contribution c : contributions.all()) {
            Set<String> seen = new HashSet<>();
            for (String node = c.unit(); node != null && seen.add(node); node = parentOf.get(node)) {
                expected.computeIfAbsent(new SummaryKey(node, c.view(), c.year()), k -> new CellSheet()).addAll(c.cells());
            }
        }
        Map<SummaryKey, CellSheet> kept = summaries.readEverything();
        Set<SummaryKey> keys = new HashSet<>(expected.keySet());
        keys.addAll(kept.keySet());
        List<Discrepancy> listed = new ArrayList<>();
        long count = 0;
        long cells = 0;
        for (SummaryKey key : keys) {
            Map<CellKey, BigDecimal> want = nonZero(expected.get(key));
            Map<CellKey, BigDecimal> have = nonZero(kept.get(key));
            Set<CellKey> all = new HashSet<>(want.keySet());
            all.addAll(have.keySet());
            cells += all.size();
            for (CellKey cell : all) {
                BigDecimal w = want.get(cell);
                BigDecimal h = have.get(cell);
                if (w == null || h == null || w.compareTo(h) != 0) {
                    count++;
                    if (listed.size() < MAX_LISTED) {
                        listed.add(new Discrepancy(key.node(), key.view().id(), key.year(), cell.table(), cell.row(),
                                cell.col(), h == null ? null : Amounts.format(h), w == null ? null : Amounts.format(w)));
                    }
                }
            }
        }
        return new Result(count == 0, keys.size(), cells, count, listed);
    }

    private static Map<CellKey, BigDecimal> nonZero(CellSheet sheet) {
        Map<CellKey, BigDecimal> out = new HashMap<>();
        if (sheet != null) {
            sheet.cells().forEach((k, v) -> {
                if (v.signum() != 0) {
                    out.put(k, v);
                }
            });
        }
        return out;
    }
}
