package cn.finalaccounts.fiscal.consolidation;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One eliminated internal flow on one 功能分类 项: the supervising unit, its subordinates, what the income side
 * and the expenditure side report, what was eliminated (the matched part) and what is left unmatched on each side.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Elimination(String flow, String supervisor, List<String> subordinates, String row, String income,
        String expense, String eliminated, String unmatchedIncome, String unmatchedExpense) {
}
