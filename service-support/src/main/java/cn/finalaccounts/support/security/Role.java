package cn.finalaccounts.support.security;

import java.util.Optional;

/**
 * The roles a person (or a service account) holds in the identity provider, as realm roles named in the token's
 * {@code realm_access.roles}. The four of the org tree are bounded by the org node named in the token's
 * {@code org_node}; {@link #OPERATOR} is the platform's own level, above every tree, and needs no node.
 */
public enum Role {
    /** 填报: keeps a unit's report, projects and spending, and submits them. */
    FILLER("filler", "填报"),
    /** 审核: reads everything in scope, approves or returns what others submitted. */
    REVIEWER("reviewer", "审核"),
    /** 管理: the tree inside its own node's subtree (never its own node's place in it) and fund statistics. */
    ADMIN("admin", "管理"),
    /** 只读: dashboards, people who look, and other government systems pulling data. */
    READER("reader", "只读"),
    /**
     * 运维: the platform operator. Runs the service (rebuild, snapshot, consistency check) and owns the roots of the
     * tree (creates them, makes a node one, hangs one under a parent), which no admin may: an admin's reach is
     * bounded by a node, and a root is the edge of every reach. Reads no unit's figures by this role alone.
     */
    OPERATOR("operator", "运维");

    private final String claim;
    private final String chinese;

    Role(String claim, String chinese) {
        this.claim = claim;
        this.chinese = chinese;
    }

    /** The role's name in tokens and in the identity provider. */
    public String claim() {
        return claim;
    }

    public String chinese() {
        return chinese;
    }

    public static Optional<Role> ofClaim(String name) {
        for (Role r : values()) {
            if (r.claim.equals(name)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
