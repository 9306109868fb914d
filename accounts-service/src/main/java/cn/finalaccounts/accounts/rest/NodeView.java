package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/** A node as the API shows it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NodeView(String code, String name, String kind, String unitType, String parent, long revision,
        Instant updatedAt, Instant removedAt) {

    static NodeView of(OrgNode n) {
        return new NodeView(n.code, n.name, n.kind, n.unitType, n.parentCode, n.revision, n.updatedAt, n.removedAt);
    }
}
