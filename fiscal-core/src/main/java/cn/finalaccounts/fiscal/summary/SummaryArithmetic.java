package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The arithmetic of the kept 汇总 (summaries), without I/O: each 汇总 equals the sum of the latest counted version
 * of every unit at or below it, in two views (the latest approved and the latest submitted; drafts and returns count
 * in neither). A newer version adds its difference from the one counted before; an older or equal one changes
 * nothing, so a redelivery, a duplicate or a late arrival is harmless; a moved node takes its whole 汇总 from its old
 * ancestors to its new ones. What is counted and where a node stands are read through {@link Counted} and a parent
 * function, which the service backs with its store; the changes accumulate in {@link #pending()}.
 *
 * <p>The deltas go to a unit's ancestors only: what a unit counts itself is its {@link Contribution}, kept once, so a
 * node's whole 汇总 is the sheet kept for what lies below it plus its own contributions (a leaf has no kept sheet at
 * all). Keeping every unit's figures a second time as a sheet doubled what a report costs to store, and the sheets of
 * the nodes with children are few enough to live in memory.
 */
public final class SummaryArithmetic {
    /**
     * Not a figure of any table: each unit's contribution holds 1 here, so a node's 汇总 keeps how many units are
     * in it, and that count moves, retracts and rebuilds exactly as the figures do.
     */
    public static final CellKey UNITS_IN = new CellKey("_", "units_in", "_");

    /** The contributions counted so far, as the service has loaded them for the batch. */
    public interface Counted {
        /**
         * The version counted, without its cells (-1: none). Most events a rebuild or a redelivery brings are not newer
         * than what is counted, and their cells are never needed: a service can answer this from the versions alone.
         */
        long versionOf(String unit, int year, CountedView view);

        /** The contribution with its cells; asked only for a version being replaced. */
        Optional<Contribution> find(String unit, int year, CountedView view);

        void save(Contribution contribution);
    }

    private final SummaryDeltas pending = new SummaryDeltas();

    /** The deltas not yet stored. */
    public SummaryDeltas pending() {
        return pending;
    }

    /** What a counted version adds to every 汇总 above its unit: its cells, and one more unit in. */
    public static CellSheet countedCells(CellSheet report) {
        CellSheet cells = new CellSheet();
        cells.addAll(report);
        cells.add(UNITS_IN, BigDecimal.ONE);
        return cells;
    }

    /**
     * Counts a report's version in every view its state enters, where it is newer than the version counted: its
     * difference from that version goes to each of the unit's ancestors ({@code parentOf} gives a node's parent as
     * the tree stands, null at the top), and the version becomes the unit's contribution.
     */
    public void applyReport(CountedReport report, Counted counted, UnaryOperator<String> parentOf, Instant now) {
        CountedView[] views = CountedView.countedIn(report.state());
        if (views.length == 0) {
            return;
        }
        List<String> targets = null;
        for (CountedView view : views) {
            long counting = counted.versionOf(report.unit(), report.year(), view);
            if (counting >= 0 && report.version() <= counting) {
                continue;
            }
            Contribution previous = counting < 0 ? null : counted.find(report.unit(), report.year(), view).orElse(null);
            CellSheet cells = countedCells(report.cells());
            // A first version adds itself whole: no difference to compute (most of a rebuild's events).
            CellSheet delta = previous == null ? cells : cells.minus(previous.cells());
            if (targets == null) {
                targets = ancestorsOf(report.unit(), parentOf.apply(report.unit()), parentOf);
            }
            for (String node : targets) {
                pending.add(node, view, report.year(), delta);
            }
            counted.save(new Contribution(report.unit(), report.year(), view, report.version(), report.state().id(),
                    cells, now));
        }
    }

    /**
     * A node changed parent: everything its 汇总 hold ({@code carried}, every view and year: the sheets kept for what
     * lies below it and its own contributions, the pending deltas included) leaves its old ancestors and joins its
     * new ones.
     */
    public void applyMove(Map<SummaryKey, CellSheet> carried, List<String> oldAncestors, List<String> newAncestors) {
        carried.forEach((key, sheet) -> {
            oldAncestors.forEach(a -> pending.subtract(a, key.view(), key.year(), sheet));
            newAncestors.forEach(a -> pending.add(a, key.view(), key.year(), sheet));
        });
    }

    /** The nodes whose 汇总 count a unit's figures: the unit itself, then its ancestors, nearest first. */
    public static List<String> countedAt(String unit, UnaryOperator<String> parentOf) {
        List<String> nodes = new ArrayList<>();
        nodes.add(unit);
        nodes.addAll(ancestorsOf(unit, parentOf.apply(unit), parentOf));
        return nodes;
    }

    /**
     * The codes above {@code node} whose parent is {@code parent}, nearest first. A parent named by a child but not
     * yet known itself still counts: its 汇总 collects the child's figures and passes them on once it is placed.
     */
    public static List<String> ancestorsOf(String node, String parent, UnaryOperator<String> parentOf) {
        List<String> ancestors = new ArrayList<>();
        Set<String> seen = new HashSet<>(Set.of(node));
        for (String p = parent; p != null; p = parentOf.apply(p)) {
            if (!seen.add(p)) {
                throw new IllegalStateException("the tree has a cycle through " + p);
            }
            ancestors.add(p);
        }
        return ancestors;
    }
}
