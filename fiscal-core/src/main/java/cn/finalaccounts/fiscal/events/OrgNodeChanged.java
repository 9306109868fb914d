package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.UnitType;

/**
 * A node of the organisation tree was created, renamed, moved or removed. {@code revision} grows by one on each
 * change of the node, so a consumer can ignore a stale copy. A removed node counts nowhere any more: its figures
 * leave every 汇总 above it. ({@code removed} is absent, read as false, in events written before it existed.)
 */
public record OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode,
        long revision, boolean removed) {
    public static final String TYPE = "OrgNodeChanged";
    public static final int CONTRACT_VERSION = 1;

    public OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode, long revision) {
        this(code, name, kind, unitType, parentCode, revision, false);
    }

    /** The parent the node counts under: none once removed. */
    public String effectiveParent() {
        return removed ? null : parentCode;
    }
}
