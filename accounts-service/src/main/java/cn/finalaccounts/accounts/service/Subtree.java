package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A node and everything under it, computed from the whole tree already loaded: listing the tree for a caller
 * asks the database once, not once per node as OrgScope's walk up would. Removed nodes keep their parent, so they
 * stay in the subtree they were removed from, as they stay in its scope.
 */
public final class Subtree {
    private Subtree() {
    }

    /** The codes of {@code root} and of every node under it; empty when the tree has no such node. */
    public static Set<String> of(List<OrgNode> all, String root) {
        Map<String, List<String>> children = new HashMap<>();
        for (OrgNode n : all) {
            if (n.parentCode != null) {
                children.computeIfAbsent(n.parentCode, p -> new ArrayList<>()).add(n.code);
            }
        }
        Set<String> found = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        if (all.stream().anyMatch(n -> n.code.equals(root))) {
            next.add(root);
        }
        while (!next.isEmpty()) {
            String code = next.pop();
            // A corrupted cycle is walked once: a code already found is not expanded again.
            if (found.add(code)) {
                next.addAll(children.getOrDefault(code, List.of()));
            }
        }
        return found;
    }
}
