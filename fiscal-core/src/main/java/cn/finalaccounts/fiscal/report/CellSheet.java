package cn.finalaccounts.fiscal.report;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Cells with amounts in 万元, added exactly. A 汇总 is an adder plus a subtractor: applying a corrected report
 * adds {@code newReport.minus(oldReport)}, so the old contribution is retracted, never added twice.
 *
 * <p>Hashed, not sorted: the summaries add thousands of cells per batch into sheets of thousands, and a sorted map's
 * key comparisons were a tenth of aggregation-service's CPU. {@link #cells()} is in no particular order; whoever
 * shows cells orders them ({@link #sorted()}, or the template's order).
 */
public final class CellSheet {
    private final Map<CellKey, BigDecimal> cells = new HashMap<>();

    public void add(CellKey key, BigDecimal amount) {
        cells.merge(key, amount, BigDecimal::add);
    }

    public void addAll(CellSheet other) {
        other.cells.forEach(this::add);
    }

    /**
     * Adds every cell of {@code other}, leaving out a cell that comes out at exactly zero: blank reads as zero, and a
     * 汇总 a correction or a move emptied must not keep listing the cell.
     */
    public void addAllDroppingZeros(CellSheet other) {
        other.cells.forEach((k, v) -> {
            if (cells.merge(k, v, BigDecimal::add).signum() == 0) {
                cells.remove(k);
            }
        });
    }

    /** The cell-wise difference {@code this − other}; cells that come out at exactly zero are left out. */
    public CellSheet minus(CellSheet other) {
        CellSheet delta = new CellSheet();
        delta.addAll(this);
        other.cells.forEach((k, v) -> delta.add(k, v.negate()));
        delta.cells.values().removeIf(v -> v.signum() == 0);
        // A cell present in both with equal amounts vanishes; one present only in `this` with amount 0 is kept
        // out too, which is right: adding zero changes no 汇总.
        return delta;
    }

    /** The cells, in no particular order. */
    public Map<CellKey, BigDecimal> cells() {
        return Collections.unmodifiableMap(cells);
    }

    /** The cells in key order (table, row, column): a copy, for output that lists them. */
    public SortedMap<CellKey, BigDecimal> sorted() {
        return Collections.unmodifiableSortedMap(new TreeMap<>(cells));
    }

    public boolean isEmpty() {
        return cells.isEmpty();
    }

    public int size() {
        return cells.size();
    }

    /** Same cells with equal amounts, scale included ({@code 1.5} and {@code 1.50} differ here, as in BigDecimal). */
    @Override
    public boolean equals(Object o) {
        return o instanceof CellSheet other && cells.equals(other.cells);
    }

    @Override
    public int hashCode() {
        return cells.hashCode();
    }
}
