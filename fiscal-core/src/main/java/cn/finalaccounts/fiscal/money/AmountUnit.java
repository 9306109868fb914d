package cn.finalaccounts.fiscal.money;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Optional;

/**
 * The unit every amount is expressed in. Published 决算 tables are in 万元 with two decimals; ledgers keep 元
 * with 分. Both allow two decimals, so a figure in either unit converts to 万元 without loss (元 → six decimals).
 */
public enum AmountUnit {
    WAN_YUAN("万元", 4),
    YUAN("元", 0);

    /** The most decimals an amount may carry in this unit. */
    public static final int MAX_SCALE = 2;

    private final String label;
    private final int powerOfTenBelowWanYuan;

    AmountUnit(String label, int powerOfTenBelowWanYuan) {
        this.label = label;
        this.powerOfTenBelowWanYuan = powerOfTenBelowWanYuan;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static AmountUnit fromLabel(String label) {
        return parse(label).orElseThrow(() -> new IllegalArgumentException("unknown amount unit: " + label));
    }

    public static Optional<AmountUnit> parse(String label) {
        return Arrays.stream(values()).filter(u -> u.label.equals(label)).findFirst();
    }

    /** Converts exactly into 万元; an amount in 元 gains four decimals, never loses any. */
    public BigDecimal toWanYuan(BigDecimal amount) {
        return this == WAN_YUAN ? amount : amount.movePointLeft(4 - powerOfTenBelowWanYuan);
    }
}
