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
 * Who may put a node where (MANAGE_TREE): on an existing node, an admin whose scope holds the node and, for a
 * move, the new parent too (a node cannot be carried out of one's reach, nor into another's); a new node, an
 * admin whose scope holds its parent. A root (a node without parent, new or moved there) starts a tree of its own
 * that nobody's scope holds yet, so only an admin whose org_node is that very code may register it. Called inside
 * the write's transaction, before the write.
 */
@RequestScoped
class TreeGate {
    @Inject
    Access access;

    Caller put(String code, NodeInput input) {
        OrgNode existing = OrgNode.findById(code);
        String parent = input == null ? null : input.parent();
        Caller caller = existing == null ? null : access.require(Permission.MANAGE_TREE, code);
        if (parent != null) {
            return existing == null || !parent.equals(existing.parentCode)
                    ? access.require(Permission.MANAGE_TREE, parent) : caller;
        }
        if (existing != null && existing.parentCode == null) {
            return caller;
        }
        // No parent: a root if the kind may be one; otherwise validation refuses the node (422) and nothing is stored.
        boolean root = input != null && input.kind() != null
                && NodeKind.parse(input.kind()).map(NodeKind::mayBeRoot).orElse(false);
        return root ? root(code) : caller != null ? caller : admin();
    }

    private Caller admin() {
        Caller caller = access.caller();
        if (!caller.has(Role.ADMIN)) {
            access.refuse(caller, Permission.MANAGE_TREE, null, "MANAGE_TREE needs role admin; " + caller.username()
                    + " has " + (caller.roles().isEmpty() ? "none of the platform's roles" : caller.roleClaims()));
        }
        return caller;
    }

    private Caller root(String code) {
        Caller caller = admin();
        if (!code.equals(caller.orgNode())) {
            access.refuse(caller, Permission.MANAGE_TREE, code, code + " would be a root of the tree: only an admin"
                    + " whose org_node is " + code + " may make it one, and " + caller.username() + " belongs to "
                    + caller.orgNode());
        }
        return caller;
    }
}
