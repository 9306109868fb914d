package cn.finalaccounts.fiscal.report;

/** The address of a cell: table, row (科目 code or fixed row id), column (栏次). */
public record CellKey(String table, String row, String col) implements Comparable<CellKey> {

    @Override
    public int compareTo(CellKey o) {
        int c = table.compareTo(o.table);
        if (c != 0) {
            return c;
        }
        c = row.compareTo(o.row);
        return c != 0 ? c : col.compareTo(o.col);
    }
}
