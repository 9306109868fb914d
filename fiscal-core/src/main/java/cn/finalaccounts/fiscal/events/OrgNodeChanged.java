package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import java.util.List;

/**
 * A node of the organisation tree was created, renamed, moved or removed. {@code revision} grows by one on each
 * change of the node, so a consumer can ignore a stale copy. A removed node counts nowhere any more: its figures
 * leave every 汇总 above it. ({@code removed} is absent, read as false, in events written before it existed.)
 * {@code history} is the node year by year ({@link NodeHistory}); the other fields are its latest version, how the
 * tree stands today. Events written before the tree had years carry no history: the node stood the same in every
 * year ({@link #historyOrAlways()}).
 */
public record OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode,
        long revision, boolean removed, List<NodeVersion> history) {
    public static final String TYPE = "OrgNodeChanged";
    public static final int CONTRACT_VERSION = 1;

    public OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode, long revision) {
        this(code, name, kind, unitType, parentCode, revision, false, null);
    }

    public OrgNodeChanged(String code, String name, NodeKind kind, UnitType unitType, String parentCode, long revision,
            boolean removed) {
        this(code, name, kind, unitType, parentCode, revision, removed, null);
    }

    /** An event about a node with a history of years. */
    public static OrgNodeChanged of(String code, NodeKind kind, long revision, NodeHistory history) {
        NodeVersion latest = history.latest();
        return new OrgNodeChanged(code, latest.name(), kind, latest.unitType(), latest.parentCode(), revision,
                latest.removed(), history.versions());
    }

    /** The parent the node counts under today: none once removed. */
    public String effectiveParent() {
        return removed ? null : parentCode;
    }

    /** The node year by year; one version for every year when the event carries none. */
    public NodeHistory historyOrAlways() {
        if (history == null || history.isEmpty()) {
            return NodeHistory.always(name, unitType, parentCode, removed);
        }
        try {
            return new NodeHistory(history);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UndecodableEventException("OrgNodeChanged " + code + " with an unreadable history: " + e.getMessage());
        }
    }
}
