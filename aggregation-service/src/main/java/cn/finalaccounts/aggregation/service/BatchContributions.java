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
 * The contributions one batch reads and replaces: read in one query for the units the batch's records name, and
 * written in its transaction, a few hundred at a time. A query and an upsert per report event were most of the round
 * trips of a rebuild (tens of thousands of events); holding a whole batch's written contributions until its end kept
 * about a hundred megabytes alive per consumer loop, which the collector copied again and again.
 */
final class BatchContributions implements SummaryArithmetic.Counted {
    private record Key(String unit, int year, CountedView view) {
    }

    /** Written contributions kept in memory at most: then they are written and dropped. */
    private static final int CHUNK = 200;

    private final ContributionStore store;
    private final Set<String> fetched = new HashSet<>();
    private final Map<Key, Contribution> known = new HashMap<>();
    private final Map<Key, Contribution> changed = new LinkedHashMap<>();

    BatchContributions(ContributionStore store, Collection<String> units) {
        this.store = store;
        fetch(units);
    }

    @Override
    public Optional<Contribution> find(String unit, int year, CountedView view) {
        if (!fetched.contains(unit)) {
            fetch(List.of(unit)); // a unit written already by this batch, or a record keyed otherwise: one query more
        }
        return Optional.ofNullable(known.get(new Key(unit, year, view)));
    }

    /** Every contribution of the unit (all years and views), this batch's changes included. */
    List<Contribution> allOf(String unit) {
        if (!fetched.contains(unit)) {
            fetch(List.of(unit));
        }
        return known.values().stream().filter(c -> c.unit().equals(unit)).toList();
    }

    @Override
    public void save(Contribution contribution) {
        Key key = new Key(contribution.unit(), contribution.year(), contribution.view());
        known.put(key, contribution);
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
     * Writes the changed contributions and forgets their units: should the batch meet one of them again, it reads it
     * back, inside the same transaction, where the row just written is visible.
     */
    private void write() {
        store.saveAll(changed.values());
        changed.keySet().forEach(k -> fetched.remove(k.unit()));
        known.keySet().removeIf(k -> !fetched.contains(k.unit()));
        changed.clear();
    }

    private void fetch(Collection<String> units) {
        List<String> missing = units.stream().filter(u -> u != null && !fetched.contains(u)).distinct().toList();
        if (missing.isEmpty()) {
            return;
        }
        store.allOf(missing).forEach(c -> known.put(new Key(c.unit(), c.year(), c.view()), c));
        fetched.addAll(missing);
    }
}
