package cn.finalaccounts.fiscal.org;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * The organisation tree: regions (行政区划) hold regions and departments (部门); departments hold departments
 * and budget units (预算单位); a unit may hold subordinate units (所属单位). Only a region stands at the top.
 */
public enum NodeKind {
    REGION("region"),
    DEPARTMENT("department"),
    UNIT("unit");

    private final String id;

    NodeKind(String id) {
        this.id = id;
    }

    @JsonValue
    public String id() {
        return id;
    }

    @JsonCreator
    public static NodeKind fromId(String id) {
        return parse(id).orElseThrow(() -> new IllegalArgumentException("unknown node kind: " + id));
    }

    public static Optional<NodeKind> parse(String id) {
        return Arrays.stream(values()).filter(k -> k.id.equals(id)).findFirst();
    }

    /** The kinds a node of this kind may hang under. */
    public Set<NodeKind> allowedParents() {
        return switch (this) {
            case REGION -> Set.of(REGION);
            case DEPARTMENT -> Set.of(REGION, DEPARTMENT);
            case UNIT -> Set.of(DEPARTMENT, UNIT);
        };
    }

    public boolean mayBeRoot() {
        return this == REGION;
    }
}
