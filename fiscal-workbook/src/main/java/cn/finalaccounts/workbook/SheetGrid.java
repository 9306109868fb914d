package cn.finalaccounts.workbook;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

/** The cells of one sheet that hold something, by row and column (both from 0). Blank styled cells are not kept. */
final class SheetGrid {
    private final NavigableMap<Integer, NavigableMap<Integer, RawCell>> rows = new TreeMap<>();

    void put(RawCell cell) {
        rows.computeIfAbsent(cell.row(), r -> new TreeMap<>()).put(cell.col(), cell);
    }

    RawCell get(int row, int col) {
        NavigableMap<Integer, RawCell> r = rows.get(row);
        return r == null ? null : r.get(col);
    }

    /** The rows that hold something, in order. */
    NavigableMap<Integer, NavigableMap<Integer, RawCell>> rows() {
        return Collections.unmodifiableNavigableMap(rows);
    }

    /** The rows from {@code first} to {@code last}, both included. */
    NavigableMap<Integer, NavigableMap<Integer, RawCell>> rows(int first, int last) {
        return Collections.unmodifiableNavigableMap(rows.subMap(first, true, last, true));
    }
}
