package cn.finalaccounts.performance.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A node of the organisation tree as this service learnt it from accounts-service's events. */
@Entity
@Table(name = "tree_node")
public class KnownNode extends PanacheEntityBase {
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
}
