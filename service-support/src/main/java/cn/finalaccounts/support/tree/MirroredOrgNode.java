package cn.finalaccounts.support.tree;

import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

/**
 * A node of the organisation tree as a consuming service learnt it from accounts-service's
 * {@link OrgNodeChanged} events, in that service's own {@code org_node} table. Each consumer maps a subclass.
 */
@MappedSuperclass
public abstract class MirroredOrgNode extends PanacheEntityBase {
    @Id
    @Column(length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    @Column(nullable = false, length = 16)
    public String kind;

    @Column(name = "unit_type", length = 16)
    public String unitType;

    @Column(name = "parent_code", length = 64)
    public String parentCode;

    @Column(nullable = false)
    public long revision;

    /** A removed node keeps its code and figures but counts under no parent. */
    @Column(nullable = false)
    public boolean removed;

    /** An event names a node completely, in every version of its history, or it is a poison event. */
    public static void requireComplete(OrgNodeChanged event) {
        if (event.code() == null || event.kind() == null || event.name() == null) {
            throw new UndecodableEventException("OrgNodeChanged without code, kind or name");
        }
        if (event.historyOrAlways().versions().stream().anyMatch(v -> v.name() == null)) {
            throw new UndecodableEventException("OrgNodeChanged " + event.code() + " with a version without a name");
        }
    }

    /** Whether the event is newer than what this node holds; a repeated or older revision changes nothing. */
    public boolean isOlderThan(OrgNodeChanged event) {
        return event.revision() > revision;
    }

    /** Takes the event's fields; the caller persists a new node. */
    public void copy(OrgNodeChanged event) {
        code = event.code();
        name = event.name();
        kind = event.kind().id();
        unitType = event.unitType() == null ? null : event.unitType().label();
        parentCode = event.effectiveParent();
        revision = event.revision();
        removed = event.removed();
    }
}
