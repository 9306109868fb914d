package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.report.AmountJson;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.math.BigDecimal;

/**
 * A project fund of a unit changed (created, re-budgeted, spent on). It carries the figures a summary needs —
 * budgets and spending, never a rate, since rates of a group are Σ spent / Σ budget, not an average — and the
 * project's self-evaluation score. {@code revision} grows with every change of that project.
 */
public record ProjectChanged(String unit, int year, String project, String name, String fundingSource,
        @JsonSerialize(using = AmountJson.Writer.class) @JsonDeserialize(using = AmountJson.Reader.class) BigDecimal initialBudget,
        @JsonSerialize(using = AmountJson.Writer.class) @JsonDeserialize(using = AmountJson.Reader.class) BigDecimal fullYearBudget,
        @JsonSerialize(using = AmountJson.Writer.class) @JsonDeserialize(using = AmountJson.Reader.class) BigDecimal spent,
        String score, String grade, boolean behindSchedule, long revision) {
    public static final String TYPE = "ProjectChanged";
    public static final int CONTRACT_VERSION = 1;
}
