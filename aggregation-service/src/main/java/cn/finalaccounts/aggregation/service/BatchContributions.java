package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.summary.SummaryArithmetic;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The contributions one batch reads and replaces: the versions counted, read in one query for the units the batch's
 * records name, and a contribution's cells only when a newer version replaces it; written in the batch's transaction,
 * a few hundred at a time. A query and an upsert per report event were most of the round trips of a rebuild (tens of
 * thousands of events); reading every unit's cells up front kept hundreds of megabytes alive per consumer loop when
 * a rebuild's snapshot re-published versions already counted, which need no cells at all.
 */
final class BatchContributions implements SummaryArithmetic.Counted {
    private record Key(String unit, int year, CountedView view) {
    }

    /** Written contributions kept in memory at most: then they are written and dropped. */
    private static final int CHUNK = 200;

    private final ContributionStore store;
    /** Units whose versions have been read. */
    private final Set<String> fetched = new HashSet<>();
    /** The version counted per unit, year and view, this batch's changes included. */
    private final Map<Key, Long> versions = new HashMap<>();
    /** Contributions with their cells: read when a version is replaced, or saved by this batch and not written yet. */
    private final Map<Key, Contribution> withCells = new HashMap<>();
    private final Map<Key, Contribution> changed = new LinkedHashMap<>();

    BatchContributions(ContributionStore store, Collection<String> units) {
        this.store = store;
        fetch(units);
    }

    @Override
    public long versionOf(String unit, int year, CountedView view) {
        if (!fetched.contains(unit)) {
            fetch(List.of(unit)); // a record keyed otherwise: one query more
        }
        return versions.getOrDefault(new Key(unit, year, view), -1L);
    }

    @Override
    public Optional<Contribution> find(String unit, int year, CountedView view) {
        Key key = new Key(unit, year, view);
        Contribution known = withCells.get(key);
        if (known == null && versions.containsKey(key)) {
            // Inside the batch's transaction, where a contribution written by this batch is visible.
            store.allOf(List.of(unit)).forEach(c -> withCells.putIfAbsent(new Key(c.unit(), c.year(), c.view()), c));
            known = withCells.get(key);
        }
        return Optional.ofNullable(known);
    }

    /** Every contribution of the unit (all years and views) with its cells, this batch's changes included. */
    List<Contribution> allOf(String unit) {
        Map<Key, Contribution> all = new HashMap<>();
        store.allOf(List.of(unit)).forEach(c -> all.put(new Key(c.unit(), c.year(), c.view()), c));
        withCells.forEach((key, c) -> {
            if (key.unit().equals(unit)) {
                all.put(key, c);
            }
        });
        return List.copyOf(all.values());
    }

    @Override
    public void save(Contribution contribution) {
        Key key = new Key(contribution.unit(), contribution.year(), contribution.view());
        versions.put(key, contribution.version());
        withCells.put(key, contribution);
        changed.put(key, contribution);
        if (changed.size() >= CHUNK) {
            write();
        }
    }

    /** Writes what the batch changed and has not written yet; called at the batch's end. */
    void flush() {
        write();
    }

    /**
     * Writes the changed contributions and forgets their cells: should the batch replace one of them again, it reads
     * it back, inside the same transaction, where the row just written is visible.
     */
    private void write() {
        store.saveAll(changed.values());
        changed.keySet().forEach(withCells::remove);
        changed.clear();
    }

    private void fetch(Collection<String> units) {
        List<String> missing = units.stream().filter(u -> u != null && !fetched.contains(u)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        store.versionsOf(missing).forEach(c -> versions.put(new Key(c.unit(), c.year(), c.view()), c.version()));
        fetched.addAll(missing);
    }
}
