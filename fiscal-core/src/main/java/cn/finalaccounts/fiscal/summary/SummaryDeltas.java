package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.util.HashMap;
import java.util.Map;

/**
 * Deltas of one batch of events, merged per node, view and year, so each touched 汇总 is written once per batch
 * however many of its units' events the batch holds.
 */
public final class SummaryDeltas {
    private final Map<SummaryKey, CellSheet> deltas = new HashMap<>();

    public void add(String node, CountedView view, int year, CellSheet delta) {
        if (!delta.isEmpty()) {
            deltas.computeIfAbsent(new SummaryKey(node, view, year), k -> new CellSheet()).addAll(delta);
        }
    }

    public void subtract(String node, CountedView view, int year, CellSheet sheet) {
        add(node, view, year, new CellSheet().minus(sheet));
    }

    /** Every pending delta, handed over once: the batch is empty afterwards. */
    public Map<SummaryKey, CellSheet> drain() {
        Map<SummaryKey, CellSheet> out = new HashMap<>(deltas);
        deltas.clear();
        return out;
    }

    public boolean isEmpty() {
        return deltas.isEmpty();
    }
}
