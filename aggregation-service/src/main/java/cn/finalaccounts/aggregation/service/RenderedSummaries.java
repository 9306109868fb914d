package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.fiscal.workflow.CountedView;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The latest renderings of 汇总, keyed by what they were rendered from (the sheet's tag and the tree's tag). A
 * region's 汇总 holds thousands of cells and is read far more often than it changes; parsing and labelling it
 * again for every reader cost more than all the rest of a read. An entry can never be stale: its key names the
 * exact sheet and tree, and a write changes the tag. Bounded, least recently used first out.
 */
final class RenderedSummaries {
    /** Enough for the regions, departments and units being watched; a region rendering is about a megabyte. */
    private static final int CAPACITY = 64;

    record Key(String node, CountedView view, int year, SummaryQuery.Mode mode, KeptSummaries.Tags tags) {
    }

    /**
     * Everything of a {@link SummaryView} but the freshness of the moment (lag and last applied time), the tables
     * and eliminations as their JSON text; {@code wire} is the answer's JSON up to the freshness, compressed once
     * (set once the rendering's answer is first written).
     */
    record Rendering(String name, String kind, RawJson tablesJson, RawJson eliminationsJson, int unitsExpected,
            int unitsIn, PrecompressedJson wire) {
    }

    private final Map<Key, Rendering> entries = new LinkedHashMap<>(CAPACITY, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Rendering> eldest) {
            return size() > CAPACITY;
        }
    };

    synchronized Rendering get(Key key) {
        return entries.get(key);
    }

    synchronized void put(Key key, Rendering rendering) {
        entries.put(key, rendering);
    }
}
