package cn.finalaccounts.fiscal.org;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;

/**
 * 单位性质 of a budget unit. It matters to the rules: 机关运行经费 is defined for 行政 and 参公 units only
 * (audit rule B16).
 */
public enum UnitType {
    ADMINISTRATIVE("行政"),
    CIVIL_SERVICE_MANAGED("参公"),
    PUBLIC_INSTITUTION("事业"),
    ENTERPRISE("企业"),
    OTHER("其他");

    private final String label;

    UnitType(String label) {
        this.label = label;
    }

    @JsonValue
    public String label() {
        return label;
    }

    @JsonCreator
    public static UnitType fromLabel(String label) {
        return parse(label).orElseThrow(() -> new IllegalArgumentException("unknown unit type: " + label));
    }

    public static Optional<UnitType> parse(String label) {
        return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
    }
}
