package cn.finalaccounts.fiscal.template;

import java.util.List;
import java.util.Optional;

/** The nine 公开 tables of one year, in print order. */
public record YearTemplate(int year, List<TableTemplate> tables) {

    public Optional<TableTemplate> table(String tableId) {
        return tables.stream().filter(t -> t.id().equals(tableId)).findFirst();
    }

    /** Why no report of the year can have this cell, or empty when the template has it. */
    public Optional<String> unknownCell(String tableId, String rowId, String colId) {
        TableTemplate table = table(tableId).orElse(null);
        if (table == null) {
            return Optional.of("the " + year + " template has no table '" + tableId + "'");
        }
        RowTemplate row = table.row(rowId).orElse(null);
        if (row == null) {
            return Optional.of("table " + tableId + " has no row '" + rowId + "' in " + year);
        }
        if (!table.hasColumn(colId) || !row.allows(colId)) {
            return Optional.of("row '" + rowId + "' of table " + tableId + " has no column '" + colId + "'");
        }
        return Optional.empty();
    }
}
