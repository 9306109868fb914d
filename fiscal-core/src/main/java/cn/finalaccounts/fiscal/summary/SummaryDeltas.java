package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Deltas of one batch of events, merged per node, view and year, so each touched 汇总 is written once per batch
 * however many of its units' events the batch holds.
 */
public final class SummaryDeltas {
    private final Map<SummaryKey, CellSheet> deltas = new HashMap<>();

    /**
     * Keys whose delta is still the sheet a caller handed in, not a copy: the first delta of a key is kept as it is
     * (in a rebuild most keys get one: each unit's first version), and copied only when a second one is added to it.
     * A caller must not change a sheet after handing it in.
     */
    private final Set<SummaryKey> borrowed = new HashSet<>();

    public void add(String node, CountedView view, int year, CellSheet delta) {
        if (delta.isEmpty()) {
            return;
        }
        SummaryKey key = new SummaryKey(node, view, year);
        CellSheet sum = deltas.get(key);
        if (sum == null) {
            deltas.put(key, delta);
            borrowed.add(key);
            return;
        }
        if (borrowed.remove(key)) {
            CellSheet copy = new CellSheet();
            copy.addAll(sum);
            deltas.put(key, copy);
            sum = copy;
        }
        sum.addAll(delta);
    }

    public void subtract(String node, CountedView view, int year, CellSheet sheet) {
        add(node, view, year, new CellSheet().minus(sheet));
    }

    /** The pending deltas of one node, every view and year, as copies: what a move of the node carries besides. */
    public Map<SummaryKey, CellSheet> of(String node) {
        Map<SummaryKey, CellSheet> out = new HashMap<>();
        deltas.forEach((key, delta) -> {
            if (key.node().equals(node)) {
                CellSheet copy = new CellSheet();
                copy.addAll(delta);
                out.put(key, copy);
            }
        });
        return out;
    }

    /** Every pending delta, handed over once: the batch is empty afterwards. */
    public Map<SummaryKey, CellSheet> drain() {
        Map<SummaryKey, CellSheet> out = new HashMap<>(deltas);
        deltas.clear();
        borrowed.clear();
        return out;
    }

    public boolean isEmpty() {
        return deltas.isEmpty();
    }
}
