package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.UnitType;

/**
 * A node of the organisation tree was created, renamed or moved. {@code revision} grows by one on each change
 * of the node, so a consumer can ignore a stale copy.
 */
public record OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode,
        long revision) {
    public static final String TYPE = "OrgNodeChanged";
    public static final int CONTRACT_VERSION = 1;
}
