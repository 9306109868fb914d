package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.validation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a change to one node keeps every year's tree a tree. A change holds from a year on, so it is checked in
 * that year's tree and in the tree of every later year in which some node changes (between those years the trees are
 * the same): the parent is in each of them, of a kind that may hold the node, and not below the node.
 */
final class TreeByYear {
    private final Map<String, Optional<NodeHistory>> histories = new HashMap<>();

    /** The years whose trees a change from {@code fromYear} on affects, each standing for those up to the next. */
    static List<Integer> affectedYears(int fromYear) {
        List<Integer> years = new ArrayList<>();
        years.add(fromYear);
        years.addAll(OrgNodeVersion.changeYearsAfter(fromYear));
        return years;
    }

    Optional<NodeHistory> history(String code) {
        return histories.computeIfAbsent(code, OrgNodeVersion::historyOf);
    }

    /** Adds a violation of {@code parent} when hanging {@code code} under it from {@code fromYear} on breaks a tree. */
    void checkParent(String code, NodeKind kind, String parentCode, int fromYear, List<Violation> v) {
        if (parentCode == null) {
            if (!kind.mayBeRoot()) {
                v.add(new Violation("parent", "required: a " + kind.id() + " must hang under a "
                        + kind.allowedParents().stream().map(NodeKind::id).sorted().toList()));
            }
            return;
        }
        OrgNode parent = OrgNode.findById(parentCode);
        NodeHistory parentHistory = history(parentCode).orElse(null);
        if (parent == null || parentHistory == null) {
            v.add(new Violation("parent", "no node has the code '" + parentCode + "'; register the parent first"));
            return;
        }
        NodeKind parentKind = NodeKind.fromId(parent.kind);
        if (!kind.allowedParents().contains(parentKind)) {
            v.add(new Violation("parent", "a " + kind.id() + " cannot hang under the " + parentKind.id() + " "
                    + parentCode + "; allowed parents: "
                    + kind.allowedParents().stream().map(NodeKind::id).sorted().toList()));
            return;
        }
        for (int year : affectedYears(fromYear)) {
            if (!parentHistory.inTree(year)) {
                v.add(new Violation("parent", parentHistory.at(year).isPresent()
                        ? parentCode + " was removed from the tree" + (year == NodeHistory.ALWAYS ? "" : " of " + year)
                                + " (" + standing(parentHistory) + "); register it again first"
                        : parentCode + " is not in the tree " + inYear(year) + " (" + standing(parentHistory)
                                + "); name a fromYear from " + parentHistory.years().get(0) + " on"));
                return;
            }
            // Walk up from the new parent in that year's tree: meeting the node itself means a cycle.
            Set<String> seen = new HashSet<>();
            for (String n = parentCode; n != null; n = history(n).map(h -> h.parentAt(year)).orElse(null)) {
                if (n.equals(code)) {
                    v.add(new Violation("parent", "'" + parentCode + "' lies under " + code + " " + inYear(year)
                            + "; hanging " + code + " there would make a cycle"));
                    return;
                }
                if (!seen.add(n)) {
                    throw new IllegalStateException("the stored tree of " + year + " has a cycle at " + n);
                }
            }
        }
    }

    /** The nodes that would hang under {@code code} in a year from {@code fromYear} on, each with the first such year. */
    List<String> childrenStillUnder(String code, int fromYear) {
        List<String> children = new ArrayList<>();
        List<Integer> years = affectedYears(fromYear);
        for (String child : OrgNodeVersion.childrenInSomeYear(code)) {
            NodeHistory h = history(child).orElseThrow();
            years.stream().filter(year -> code.equals(h.parentAt(year))).findFirst()
                    .ifPresent(year -> children.add(child + " " + inYear(year)));
        }
        return children;
    }

    static String inYear(int year) {
        return year == NodeHistory.ALWAYS ? "in the earliest years" : "in " + year;
    }

    /** How a node's history reads in a message: "from 2024", "removed from 2024". */
    static String standing(NodeHistory h) {
        List<String> parts = new ArrayList<>();
        for (NodeVersion v : h.versions()) {
            String from = v.fromYear() == NodeHistory.ALWAYS ? "from the beginning" : "from " + v.fromYear();
            parts.add((v.removed() ? "removed " : "in the tree ") + from);
        }
        return String.join(", ", parts);
    }
}
