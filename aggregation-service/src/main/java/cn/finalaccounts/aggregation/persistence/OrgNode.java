package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.support.tree.MirroredOrgNode;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/**
 * The organisation tree as it stands today, as aggregation-service follows it: access checks walk it. A year's 汇总
 * walks that year's tree, {@link OrgNodeVersion}.
 */
@Entity
@Table(name = "org_node")
public class OrgNode extends MirroredOrgNode {
}
