package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.service.NodeInput;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.security.Role;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;

/**
 * Who may put a node where, or remove it. Called inside the write's transaction, before the write.
 * <ul>
 * <li>The roots are the platform's (MANAGE_ROOTS, role operator): creating one, renaming or removing one, making a
 * node one (its parent set to none) and hanging one under a parent. A root is where every admin's reach ends, so no
 * admin may move that edge: an admin who could make its own node a root would leave its superiors' sight and, were
 * roots to confer more, gain the whole service.</li>
 * <li>Everything else is an admin's inside its own node's subtree (MANAGE_TREE): the node must be in its scope and,
 * for a new node or a move, the new parent too, so a node is carried neither out of one's reach nor into it from
 * outside. Its own node an admin may rename in place, never move, remove or bring back after a superior removed
 * it. The one exception to "roots are the operator's": an admin at a root may rename that root in place.</li>
 * </ul>
 * An admin whose node the tree does not hold has an empty scope: it can do nothing here, not even create that node.
 */
@RequestScoped
class TreeGate {
    @Inject
    Access access;

    Caller put(String code, NodeInput input) {
        OrgNode existing = OrgNode.findById(code);
        String parent = input == null ? null : input.parent();
        if (existing != null && existing.parentCode == null) {
            // An existing root: hung under a parent, brought back, or renamed in place.
            if (parent != null || existing.removed()) {
                return roots(code, parent != null ? code + " is a root of the tree; hanging it under " + parent
                        + " joins two trees" : code + " was a root of the tree and was removed; registering it again"
                        + " makes a root");
            }
            Caller c = access.caller();
            return c.has(Role.OPERATOR) ? access.require(Permission.MANAGE_ROOTS) : access.require(Permission.MANAGE_TREE, code);
        }
        if (parent == null) {
            if (existing != null) {
                return roots(code, code + " hangs under " + existing.parentCode + "; registering it without a parent"
                        + " makes it a root of the tree");
            }
            // A new node without parent: a root when its kind may be one; otherwise validation refuses it (422) and
            // nothing is stored, so the role is all there is to check.
            boolean root = input != null && input.kind() != null
                    && NodeKind.parse(input.kind()).map(NodeKind::mayBeRoot).orElse(false);
            return root ? roots(code, code + " would be a new root of the tree") : role(Permission.MANAGE_TREE);
        }
        if (existing == null) {
            return access.require(Permission.MANAGE_TREE, parent);
        }
        Caller c = access.require(Permission.MANAGE_TREE, code);
        boolean moved = !parent.equals(existing.parentCode);
        if (code.equals(c.orgNode()) && (moved || existing.removed())) {
            access.refuse(c, Permission.MANAGE_TREE, code, code + " is " + c.username() + "'s own node: an admin may"
                    + " rename its own node, never " + (moved ? "move it (its parent is " + existing.parentCode + ")"
                    : "bring it back after its removal") + "; an admin above it may");
        }
        return moved ? access.require(Permission.MANAGE_TREE, parent) : c;
    }

    Caller remove(String code) {
        OrgNode existing = OrgNode.findById(code);
        if (existing != null && existing.parentCode == null) {
            return roots(code, code + " is a root of the tree; removing it removes a tree");
        }
        Caller c = access.require(Permission.MANAGE_TREE, code);
        if (code.equals(c.orgNode())) {
            access.refuse(c, Permission.MANAGE_TREE, code, code + " is " + c.username() + "'s own node: an admin may"
                    + " never remove its own node; an admin above it may");
        }
        return c;
    }

    /** MANAGE_ROOTS, refused with the reason the operation touches a root. */
    private Caller roots(String code, String why) {
        Caller c = access.caller();
        if (!c.has(Role.OPERATOR)) {
            access.refuse(c, Permission.MANAGE_ROOTS, code, why + ": only the platform's operator (role operator) may;"
                    + " " + c.username() + " has " + (c.roles().isEmpty() ? "none of the platform's roles"
                    : c.roleClaims()));
        }
        return access.require(Permission.MANAGE_ROOTS);
    }

    private Caller role(Permission permission) {
        Caller c = access.caller();
        if (c.roles().stream().noneMatch(permission::allows)) {
            access.refuse(c, permission, null, permission.name() + " needs role admin; " + c.username() + " has "
                    + (c.roles().isEmpty() ? "none of the platform's roles" : c.roleClaims()));
        }
        return c;
    }
}
