package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeVersion;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A node as the API shows it: how it stands today, and {@code history}, how it stood year by year (a version without
 * {@code fromYear} holds from the beginning).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeView(String code, String name, String kind, String unitType, String parent, long revision,
        Instant updatedAt, Instant removedAt, List<Version> history) {

    /** How the node stands from {@code fromYear} on. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Version(Integer fromYear, String name, String unitType, String parent, boolean removed) {
        static Version of(NodeVersion v) {
            return new Version(v.fromYear() == NodeHistory.ALWAYS ? null : v.fromYear(), v.name(),
                    v.unitType() == null ? null : v.unitType().label(), v.parentCode(), v.removed());
        }
    }

    static NodeView of(OrgNode n) {
        return of(n, OrgNodeVersion.historyOf(n.code).orElse(null));
    }

    static NodeView of(OrgNode n, NodeHistory history) {
        return new NodeView(n.code, n.name, n.kind, n.unitType, n.parentCode, n.revision, n.updatedAt, n.removedAt,
                history == null ? null : history.versions().stream().map(Version::of).toList());
    }
}
