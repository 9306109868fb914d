package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.support.tree.MirroredNode;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The organisation tree as aggregation-service follows it, with the walks the roll-up needs. */
@Entity
@Table(name = "tree_node")
public class TreeNode extends MirroredNode {
    /** The units a node's 汇总 counts: the node itself if it is a unit, and every unit below it; none removed. */
    public static List<TreeNode> unitsUnder(TreeNode node, String code) {
        List<TreeNode> units = new ArrayList<>();
        if (node != null && "unit".equals(node.kind) && !node.removed) {
            units.add(node);
        }
        descendantsOf(List.of(code)).stream().filter(n -> "unit".equals(n.kind) && !n.removed).forEach(units::add);
        return units;
    }

    /** The nodes directly under a node that are part of the tree. */
    public static List<TreeNode> childrenOf(String code) {
        return list("parentCode = ?1 and removed = false order by code", code);
    }

    /** Every node below the given ones, breadth first, one query per level. */
    public static List<TreeNode> descendantsOf(Collection<String> codes) {
        List<TreeNode> all = new ArrayList<>();
        Set<String> level = new LinkedHashSet<>(codes);
        Set<String> seen = new HashSet<>(codes);
        while (!level.isEmpty()) {
            List<TreeNode> children = list("parentCode in ?1", level);
            level = new LinkedHashSet<>();
            for (TreeNode child : children) {
                if (seen.add(child.code)) {
                    all.add(child);
                    level.add(child.code);
                }
            }
        }
        return all;
    }
}
