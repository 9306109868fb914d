package cn.finalaccounts.fiscal.report;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;

/** One filled cell: row (科目 code or fixed row id), column (栏次) and the exact amount, a JSON string. */
public record ReportCell(
        String row,
        String col,
        @JsonSerialize(using = AmountJson.Writer.class) @JsonDeserialize(using = AmountJson.Reader.class) BigDecimal amount) {
}
