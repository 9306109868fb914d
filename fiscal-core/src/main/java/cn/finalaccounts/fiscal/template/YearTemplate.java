package cn.finalaccounts.fiscal.template;

import java.util.List;
import java.util.Optional;

/** The nine 公开 tables of one year, in print order. */
public record YearTemplate(int year, List<TableTemplate> tables) {

    public Optional<TableTemplate> table(String tableId) {
        return tables.stream().filter(t -> t.id().equals(tableId)).findFirst();
    }
}
