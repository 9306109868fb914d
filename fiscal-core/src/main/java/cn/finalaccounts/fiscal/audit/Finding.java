package cn.finalaccounts.fiscal.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a rule found: the rule, the checked cell with its printed label, the printed value (null when the cell
 * is blank), the expected value, their difference, the cells the expectation was computed from, the formula as
 * checked, and the rule's message.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Finding(String rule, Severity severity, CellRef cell, String printed, String expected,
        String difference, List<CellRef> against, String check, String messageZh, String messageEn) {

    /** A cell address with its printed label, e.g. 公开05表 · 合计 · 基本支出. */
    public record CellRef(String table, String row, String col, String label) {
    }
}
