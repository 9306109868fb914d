package cn.finalaccounts.support.security;

import static cn.finalaccounts.support.security.Role.ADMIN;
import static cn.finalaccounts.support.security.Role.FILLER;
import static cn.finalaccounts.support.security.Role.OPERATOR;
import static cn.finalaccounts.support.security.Role.READER;
import static cn.finalaccounts.support.security.Role.REVIEWER;

import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may do what: the platform's one table of roles against actions. Every API operation of the three services
 * names one of these ({@link Access#require}); docs/security.md prints {@link #table()} and a test keeps the two
 * equal. The second dimension, where, is the scope: {@link Reach#SUBTREE} actions are allowed on the caller's
 * {@code org_node} and everything under it in the tree the service holds or mirrors; {@link Reach#PLATFORM} actions
 * touch the whole service and need the role alone (operator: no place in the tree confers them, so neither a root
 * an admin made nor a removed one does); {@link Reach#ANYWHERE} ones tell nothing about any node's figures.
 */
public enum Permission {
    READ_REFERENCE("参考 read templates, audit rules and the 科目 catalogue", Reach.ANYWHERE, FILLER, REVIEWER, ADMIN,
            READER, OPERATOR),
    READ("读取 read reports, the tree, projects, funds and 汇总", Reach.SUBTREE, FILLER, REVIEWER, ADMIN, READER),
    SAVE_REPORT("填报 save a unit's report", Reach.SUBTREE, FILLER),
    SUBMIT_REPORT("上报 submit a report, with waivers", Reach.SUBTREE, FILLER),
    DECIDE_REPORT("审核 approve or return a submitted report (never a version one submitted or edited)", Reach.SUBTREE, REVIEWER),
    WRITE_PROJECTS("项目 write projects and their spending", Reach.SUBTREE, FILLER),
    MANAGE_TREE("单位树 create, move, rename and remove org nodes inside the subtree (never one's own node's parent,"
            + " never one's own node removed)", Reach.SUBTREE, ADMIN),
    MANAGE_ROOTS("根节点 create, rename or remove a root of the tree, make a node a root, hang a root under a parent",
            Reach.PLATFORM, OPERATOR),
    WRITE_FUNDS("资金统计 write fund statistics of a region", Reach.SUBTREE, ADMIN),
    READ_AUDIT("审计记录 read the audit trail", Reach.SUBTREE, REVIEWER, ADMIN),
    SEE_STATUS("状态 the event loop's and the newest rebuild's state", Reach.ANYWHERE, FILLER, REVIEWER, ADMIN, READER,
            OPERATOR),
    OPERATE("运维 rebuild, snapshot, consistency check, service-wide audit lines, open a 决算 year", Reach.PLATFORM,
            OPERATOR);

    /** How far an allowed action reaches from the caller's org node. */
    public enum Reach {
        /** the caller's node and every node under it */
        SUBTREE,
        /** the whole service: the role alone, wherever (or whether) the caller belongs in the tree */
        PLATFORM,
        /** says nothing of any node's figures: any caller with the role, wherever they belong */
        ANYWHERE
    }

    private final String description;
    private final Reach reach;
    private final Set<Role> roles;

    Permission(String description, Reach reach, Role first, Role... rest) {
        this.description = description;
        this.reach = reach;
        this.roles = EnumSet.of(first, rest);
    }

    public boolean allows(Role role) {
        return roles.contains(role);
    }

    public Set<Role> roles() {
        return EnumSet.copyOf(roles);
    }

    public Reach reach() {
        return reach;
    }

    public String description() {
        return description;
    }

    /** The matrix as a Markdown table, the form docs/security.md carries. */
    public static String table() {
        StringBuilder out = new StringBuilder("| permission | what | reach |");
        for (Role r : Role.values()) {
            out.append(' ').append(r.chinese()).append(' ').append(r.claim()).append(" |");
        }
        out.append("\n|---|---|---|").append("---|".repeat(Role.values().length)).append('\n');
        for (Permission p : values()) {
            out.append("| `").append(p.name()).append("` | ").append(p.description).append(" | ")
                    .append(switch (p.reach) {
                        case SUBTREE -> "own node's subtree";
                        case PLATFORM -> "whole service (the role alone)";
                        case ANYWHERE -> "any node";
                    }).append(" |");
            for (Role r : Role.values()) {
                out.append(p.allows(r) ? " ✔ |" : " – |");
            }
            out.append('\n');
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return name() + " (" + roles.stream().map(Role::claim).collect(Collectors.joining(", ")) + ")";
    }
}
