package cn.finalaccounts.performance.persistence;

import cn.finalaccounts.support.tree.MirroredOrgNode;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** A node of the organisation tree as performance-service learnt it from accounts-service's events. */
@Entity
@Table(name = "org_node")
public class OrgNode extends MirroredOrgNode {
}
