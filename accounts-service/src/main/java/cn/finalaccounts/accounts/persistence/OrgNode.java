package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A node of the organisation tree: a region, a department or a budget unit, as it stands today (its latest version;
 * access follows it). How it stood in each year is its history, {@link OrgNodeVersion}.
 */
@Entity
@Table(name = "org_node")
public class OrgNode extends PanacheEntityBase {
    @Id
    @Column(length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    /** {@link cn.finalaccounts.fiscal.org.NodeKind#id()}. */
    @Column(nullable = false, length = 16)
    public String kind;

    /** {@link cn.finalaccounts.fiscal.org.UnitType#label()}, for units. */
    @Column(name = "unit_type", length = 16)
    public String unitType;

    @Column(name = "parent_code", length = 64)
    public String parentCode;

    /** Grows by one with each change, so consumers of the node's events can drop stale copies. */
    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** When the node was removed from the tree; null while it is part of it. */
    @Column(name = "removed_at")
    public Instant removedAt;

    public boolean removed() {
        return removedAt != null;
    }

    public static OrgNode byCode(String code) {
        return findById(code);
    }
}
