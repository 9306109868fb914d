package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.support.tree.MirroredOrgNode;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The organisation tree as aggregation-service follows it, with the walks the summaries need. */
@Entity
@Table(name = "org_node")
public class OrgNode extends MirroredOrgNode {
    /** The units a node's 汇总 counts: the node itself if it is a unit, and every unit below it; none removed. */
    public static List<OrgNode> unitsUnder(OrgNode node, String code) {
        List<OrgNode> units = new ArrayList<>();
        if (node != null && "unit".equals(node.kind) && !node.removed) {
            units.add(node);
        }
        descendantsOf(List.of(code)).stream().filter(n -> "unit".equals(n.kind) && !n.removed).forEach(units::add);
        return units;
    }

    /** The nodes directly under a node that are part of the tree. */
    public static List<OrgNode> childrenOf(String code) {
        return list("parentCode = ?1 and removed = false order by code", code);
    }

    /** Every node below the given ones, breadth first, one query per level. */
    public static List<OrgNode> descendantsOf(Collection<String> codes) {
        List<OrgNode> all = new ArrayList<>();
        Set<String> level = new LinkedHashSet<>(codes);
        Set<String> seen = new HashSet<>(codes);
        while (!level.isEmpty()) {
            List<OrgNode> children = list("parentCode in ?1", level);
            level = new LinkedHashSet<>();
            for (OrgNode child : children) {
                if (seen.add(child.code)) {
                    all.add(child);
                    level.add(child.code);
                }
            }
        }
        return all;
    }
}
