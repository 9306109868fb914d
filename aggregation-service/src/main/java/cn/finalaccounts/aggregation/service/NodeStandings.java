package cn.finalaccounts.aggregation.service;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A node as it stood in a year (its name, its kind, the units expected under it), remembered per tag of the tree. A
 * 汇总 is rendered again at every change of its sheet, many times a second in the deadline weeks, while the tree
 * changes a few times a year: reading the node from the database at each rendering made the read of a region's 汇总
 * fail for the seconds the database's writer failed over, though its figures were all in memory. An entry can never
 * be stale: the tree's tag changes with every change of the tree. Bounded, least recently used first out.
 */
final class NodeStandings {
    /** The nodes being watched: regions, departments, units with reviewers on them. */
    private static final int CAPACITY = 1024;

    record Key(String node, int year, long tree) {
    }

    /** {@code name} and {@code kind} are null for a node the tree does not know (a 汇总 left by a removed node). */
    record Standing(String name, String kind, int unitsExpected, boolean known) {
    }

    private final Map<Key, Standing> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Standing> eldest) {
            return size() > CAPACITY;
        }
    };

    /** The standing remembered for the key, or the one read (outside the lock: a read may wait on the database). */
    Standing of(Key key, Supplier<Standing> read) {
        synchronized (this) {
            Standing known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        Standing standing = read.get();
        synchronized (this) {
            entries.put(key, standing);
        }
        return standing;
    }
}
