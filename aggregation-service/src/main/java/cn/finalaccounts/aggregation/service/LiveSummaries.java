package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import cn.finalaccounts.support.persistence.AfterCommit;
import cn.finalaccounts.support.rebuild.ReadsAfterRebuild;
import cn.finalaccounts.support.rebuild.RebuildCoordinator;
import cn.finalaccounts.support.security.TreeVersion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * The kept 汇总 of every node that has something below it, in memory, as the sum of the changelog
 * ({@link SummaryStore}) up to {@link #applied()}. A batch's deltas are handed over when its transaction commits;
 * deltas written by other instances (or by this one while a hand-over was missed) are read from the changelog, in
 * number order, every {@code CATCH_UP} and before a batch that moves a node. Every instance holds every sheet: the
 * sheets are few (one per node with children, view and year; a leaf's 汇总 is its contribution) and a read is then
 * served by whichever instance it reaches.
 *
 * <p>A sheet is never changed in place: each change puts a new one, so a reader holds a consistent sheet without a
 * lock. Now and then a sheet that has collected many deltas is written whole as its key's snapshot, and those deltas
 * are deleted, so a start reads a snapshot and a few deltas.
 */
@ApplicationScoped
public class LiveSummaries implements TreeVersion, ReadsAfterRebuild {
    private static final Logger LOG = Logger.getLogger(LiveSummaries.class);
    /**
     * Deltas applied to a sheet after which it is snapshotted (its deltas deleted): a start then reads at most this
     * many deltas a sheet. A snapshot writes the sheet whole (a region's is about 100 KB), so not after every batch.
     */
    static final int SNAPSHOT_AFTER = 16;
    /**
     * Delta rows of the changelog read per statement when catching up (whole numbers: the last number's other rows
     * come too), whatever the backlog. Rows, not numbers: with two instances, each catches up on the other's batches,
     * and a rebuild's batch is a region's and 40 departments' sheets; 50 such numbers at once ran an instance out of its
     * 256 MiB heap in the cluster's W1.
     */
    static final int CATCH_UP_ROWS = 50;
    /**
     * Cells of this instance's hand-overs kept while an earlier number (another instance's) has not arrived; beyond
     * it they are dropped and read from the changelog instead. A count of hand-overs (1,000) was no bound on memory.
     */
    static final int MAX_WAITING_CELLS = 100_000;

    @Inject
    SummaryStore store;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    RebuildCoordinator rebuild;

    /** A sheet, the number of the last delta in it and how many deltas it has taken since its last snapshot. */
    private record Kept(CellSheet sheet, long seq, int sinceSnapshot) {
    }

    private final Map<SummaryKey, Kept> sheets = new ConcurrentHashMap<>();
    /** Batches of this instance committed after a number not yet applied: applied once the gap is filled. */
    private final TreeMap<Long, Handover> waiting = new TreeMap<>();
    private int waitingCells;
    private volatile long applied;
    private volatile long epoch;
    private volatile long treeTag;
    private volatile boolean loaded;
    /** The epoch of the changelog when {@link #mark()} was taken. */
    private volatile long markEpoch = -1;
    /** When memory last matched the changelog's head (System.nanoTime); 0 before it first did. */
    private volatile long caughtUpAt;

    private record Handover(long epoch, long seq, long treeTag, Map<SummaryKey, CellSheet> deltas) {
        int cells() {
            return deltas.values().stream().mapToInt(CellSheet::size).sum();
        }

    }

    /** The number up to which every delta is in memory. */
    public long applied() {
        return applied;
    }

    /**
     * How long memory has not been seen to match the changelog's head, in seconds (a catch-up failing, or memory
     * not loaded yet: then since the service started); what readiness reports.
     */
    public long secondsBehind() {
        long at = caughtUpAt;
        return at == 0 ? Long.MAX_VALUE : (System.nanoTime() - at) / 1_000_000_000L;
    }

    /** Whether memory has been filled from the changelog since the service started. */
    /** The changelog's number now (after a rebuild: its last batch's, by whichever instance). */
    @Override
    public long mark() {
        SummaryStore.Head head = store.head();
        markEpoch = head.epoch();
        return head.seq();
    }

    /**
     * Memory sums the changelog up to the mark, in the mark's epoch: after a rebuild, the instances that did not apply
     * its last batches have read them from the changelog, or their reads would answer partial 汇总.
     */
    @Override
    public boolean reached(long mark) {
        return loaded && epoch == markEpoch && applied >= mark;
    }

    public boolean loaded() {
        return loaded;
    }

    /** The tree's tag as of {@link #applied()}. */
    public long treeTag() {
        return treeTag;
    }

    /**
     * The mirrored tree changes only in batches, each of which takes a new tree tag: the scope of a read remembers
     * ancestries until it changes (here at once, on another instance within {@code CATCH_UP}).
     */
    @Override
    public long current() {
        return treeTag;
    }

    /** The kept sheet of what lies below the node (a copy the caller may change), empty when there is none. */
    public CellSheet below(SummaryKey key) {
        Kept k = sheets.get(key);
        CellSheet copy = new CellSheet();
        if (k != null) {
            copy.addAll(k.sheet());
        }
        return copy;
    }

    /** The number of the last delta of the key's sheet; 0 when it has none. */
    public long seqOf(SummaryKey key) {
        Kept k = sheets.get(key);
        return k == null ? 0 : k.seq();
    }

    /** The keys of every kept sheet. */
    public Set<SummaryKey> keys() {
        return Set.copyOf(sheets.keySet());
    }

    /**
     * Appends a batch's deltas to the changelog in the caller's transaction and hands them over to memory when it
     * commits (nothing is applied if it rolls back). A batch that neither adds nor changes the tree writes nothing.
     */
    public void append(Map<SummaryKey, CellSheet> deltas, boolean treeChanged) {
        if (deltas.isEmpty() && !treeChanged) {
            return;
        }
        SummaryStore.Head head = store.append(deltas, treeChanged);
        Handover handover = new Handover(head.epoch(), head.seq(), head.treeTag(), deltas);
        AfterCommit.run(transactions, () -> handOver(handover));
    }

    private synchronized void handOver(Handover h) {
        if (!loaded || h.epoch() != epoch || h.seq() <= applied) {
            return; // memory is not loaded yet, belongs to an emptied history, or has this batch from the changelog
        }
        int cells = h.cells();
        if (waitingCells + cells <= MAX_WAITING_CELLS && waiting.put(h.seq(), h) == null) {
            waitingCells += cells;
        }
        applyWaiting();
    }

    private void applyWaiting() {
        while (!waiting.isEmpty() && waiting.firstKey() <= applied + 1) {
            Handover h = waiting.pollFirstEntry().getValue();
            waitingCells -= h.cells();
            if (h.seq() == applied + 1) {
                h.deltas().forEach((key, delta) -> add(key, delta, h.seq()));
                treeTag = h.treeTag();
                applied = h.seq();
            }
        }
    }

    private void add(SummaryKey key, CellSheet delta, long seq) {
        Kept old = sheets.get(key);
        CellSheet sum = new CellSheet();
        if (old != null) {
            sum.addAll(old.sheet());
        }
        sum.addAllDroppingZeros(delta);
        sheets.put(key, new Kept(sum, seq, old == null ? 1 : old.sinceSnapshot() + 1));
    }

    /**
     * Reads what the changelog holds after {@link #applied()}, in the caller's transaction: the other instances'
     * batches, and this one's whose hand-over was lost. After a rebuild emptied the tables (a new epoch), memory
     * starts again from nothing.
     */
    public synchronized void catchUp() {
        SummaryStore.Head head = store.head();
        if (loaded && head.epoch() == epoch && head.seq() == applied) {
            treeTag = head.treeTag();
            caughtUpAt = System.nanoTime();
            return;
        }
        if (!loaded || head.epoch() != epoch) {
            if (loaded) {
                // Another instance's rebuild emptied the tables: gate this one's reads before its memory empties too,
                // rather than answer half figures until the next watch of the rebuilds.
                rebuild.noticeRebuild();
            }
            sheets.clear();
            waiting.clear();
            waitingCells = 0;
            applied = 0;
            epoch = head.epoch();
        }
        Map<SummaryKey, SummaryStore.Snapshot> snapshots = store.snapshotsAfter(applied, head.seq());
        snapshots.forEach((key, s) -> sheets.put(key, new Kept(s.cells(), s.seq(), 0)));
        for (long from = applied, to; from < head.seq(); from = to) {
            to = store.rangeEnd(from, head.seq(), CATCH_UP_ROWS);
            for (SummaryStore.Delta d : store.deltas(from, to)) {
                SummaryStore.Snapshot s = snapshots.get(d.key());
                if (s == null || d.seq() > s.seq()) {
                    add(d.key(), d.cells(), d.seq());
                }
            }
        }
        epoch = head.epoch();
        treeTag = head.treeTag();
        applied = Math.max(applied, head.seq());
        loaded = true;
        caughtUpAt = System.nanoTime();
        var caughtUp = waiting.headMap(applied, true);
        caughtUp.values().forEach(h -> waitingCells -= h.cells());
        caughtUp.clear();
        applyWaiting();
    }

    /**
     * Every {@code CATCH_UP}: the other instances' batches, then the snapshots due. One small query when nothing
     * changed. A failure (the database away) is retried at the next turn; reads keep being served from memory.
     */
    @Scheduled(every = "${fa.summaries.catch-up:0.2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void everyTurn() {
        try {
            QuarkusTransaction.requiringNew().run(this::catchUp);
            snapshotDue();
        } catch (RuntimeException e) {
            LOG.debugf("could not read the 汇总's changelog: %s", e.getMessage());
        }
    }

    /**
     * Writes the sheets that took {@link #SNAPSHOT_AFTER} deltas or more as snapshots. A sheet in memory is exactly
     * the sum of its key's deltas up to {@link #applied()}, so that is the snapshot's number.
     */
    void snapshotDue() {
        snapshotDue(SNAPSHOT_AFTER);
    }

    /** The same, for sheets that took at least {@code after} deltas since their last snapshot. */
    void snapshotDue(int after) {
        Map<SummaryKey, Kept> due = new HashMap<>();
        long upTo;
        long of;
        synchronized (this) {
            upTo = applied;
            of = epoch;
            sheets.forEach((key, k) -> {
                if (k.sinceSnapshot() >= after) {
                    due.put(key, k);
                }
            });
        }
        for (Map.Entry<SummaryKey, Kept> e : due.entrySet()) {
            Kept written = e.getValue();
            if (!QuarkusTransaction.requiringNew().call(() -> store.snapshot(e.getKey(), written.sheet(), upTo, of))) {
                return;
            }
            synchronized (this) {
                sheets.computeIfPresent(e.getKey(), (key, k) -> k == written ? new Kept(k.sheet(), k.seq(), 0)
                        : new Kept(k.sheet(), k.seq(), Math.max(0, k.sinceSnapshot() - written.sinceSnapshot())));
            }
        }
    }
}
