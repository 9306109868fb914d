package cn.finalaccounts.fiscal.audit;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a finding weighs: an error blocks submission unless waived; a warning and an info only inform. */
public enum Severity {
    ERROR, WARNING, INFO;

    @JsonValue
    public String id() {
        return name().toLowerCase();
    }

    public static Severity fromId(String id) {
        return valueOf(id.toUpperCase());
    }
}
