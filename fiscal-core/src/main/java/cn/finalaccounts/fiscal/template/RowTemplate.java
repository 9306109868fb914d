package cn.finalaccounts.fiscal.template;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A row a report may fill: either a fixed row with a stable id (本年收入合计) or a 科目 row whose id is its
 * classification code. {@code line} is the 行次 of the 2023 layout where the table prints one; local
 * layouts renumber, so it is never the key.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowTemplate(String id, String code, String level, Integer line, String label, List<String> columns,
        boolean negativeAllowed) {

    public boolean allows(String columnId) {
        return columns.contains(columnId);
    }
}
