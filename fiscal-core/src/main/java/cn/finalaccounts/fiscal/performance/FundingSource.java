package cn.finalaccounts.fiscal.performance;

import java.util.Arrays;
import java.util.Optional;

/** Where a project's money comes from (项目资金 rows of the 自评表). */
public enum FundingSource {
    CURRENT_APPROPRIATION("本年财政拨款"), CARRIED_OVER("上年结转"), OTHER("其他");

    private final String label;

    FundingSource(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static Optional<FundingSource> parse(String label) {
        return Arrays.stream(values()).filter(f -> f.label.equals(label)).findFirst();
    }

    /** Is it 财政拨款 (this year's appropriation or last year's carried over), reconciled with 03/05表 项目支出? */
    public boolean appropriation() {
        return this != OTHER;
    }
}
