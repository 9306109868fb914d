package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.SummaryStore.SummaryKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.RollupView;
import java.util.HashMap;
import java.util.Map;

/**
 * Deltas of one batch of events, merged per node, view and year, so each touched 汇总 is written once per batch
 * however many of its units' events the batch holds.
 */
final class PendingDeltas {
    private final Map<SummaryKey, CellSheet> deltas = new HashMap<>();

    void add(String node, RollupView view, int year, CellSheet delta) {
        if (!delta.isEmpty()) {
            deltas.computeIfAbsent(new SummaryKey(node, view, year), k -> new CellSheet()).addAll(delta);
        }
    }

    void subtract(String node, RollupView view, int year, CellSheet sheet) {
        add(node, view, year, new CellSheet().minus(sheet));
    }

    Map<SummaryKey, CellSheet> drain() {
        Map<SummaryKey, CellSheet> out = new HashMap<>(deltas);
        deltas.clear();
        return out;
    }
}
