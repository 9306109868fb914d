package cn.finalaccounts.fiscal.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;

/**
 * One filled cell: row (科目 code or fixed row id), column (栏次) and the exact amount, a JSON string.
 * {@code derived} is true for a subtotal the platform computed because the report left it blank (款, 类, 合计).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportCell(
        String row,
        String col,
        @JsonSerialize(using = AmountJson.Writer.class) @JsonDeserialize(using = AmountJson.Reader.class) BigDecimal amount,
        Boolean derived) {

    public ReportCell(String row, String col, BigDecimal amount) {
        this(row, col, amount, null);
    }
}
