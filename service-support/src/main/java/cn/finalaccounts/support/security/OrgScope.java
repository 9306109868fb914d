package cn.finalaccounts.support.security;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers "is this node within that person's subtree?" from the tree this service holds (accounts-service's
 * {@code org_node}) or mirrors (the others' {@code org_node}, fed by its events): both have {@code code} and
 * {@code parent_code}.
 * Asked on every call, so always current: a unit moved to another department leaves its old reviewer's scope
 * with the move. One recursive query walks up from the node; a tree is a few levels deep. A service whose tree
 * carries a {@link TreeVersion} has each answer remembered until that version changes: aggregation-service answers
 * a poll of a region's 汇总 from memory, and a walk of the tree per read was a fifth of it.
 */
@ApplicationScoped
public class OrgScope {
    /** Deeper than any real tree (province → city → county → department → unit); stops a corrupted cycle. */
    static final int MAX_DEPTH = 32;

    @Inject
    AgroalDataSource dataSource;

    /** Every service keeps its tree, held or mirrored, in a table of this name. */
    private static final String TABLE = "org_node";

    /** Whether {@code node} is {@code scopeRoot} or lies under it; false for a node this service does not know. */
    public boolean covers(String scopeRoot, String node) {
        return scopeRoot != null && node != null && ancestry(node).contains(scopeRoot);
    }

    /** Whether the node is known here and has no parent: a person there may operate the whole service. */
    public boolean isRoot(String node) {
        List<String> path = node == null ? List.of() : ancestry(node);
        return path.size() == 1;
    }

    /** Remembered at most, per version: the nodes being read, not the whole tree. */
    static final int MAX_REMEMBERED = 10_000;

    @Inject
    Instance<TreeVersion> treeVersion;

    /** The ancestries known for one version of the tree; replaced whole when the version changes. */
    private record Remembered(long version, Map<String, List<String>> ancestries) {
    }

    private volatile Remembered remembered = new Remembered(Long.MIN_VALUE, Map.of());

    /** The node itself and its ancestors, nearest first; empty when the node is unknown. */
    public List<String> ancestry(String node) {
        if (node == null) {
            return List.of();
        }
        if (!treeVersion.isResolvable()) {
            return walk(node);
        }
        // The version is read before the walk: a change committed meanwhile gives a new version, and the next call
        // walks again; an answer is only ever remembered under the version read before it was walked.
        long version = treeVersion.get().current();
        Remembered r = remembered;
        if (r.version() != version) {
            r = new Remembered(version, new ConcurrentHashMap<>());
            remembered = r;
        }
        List<String> known = r.ancestries().get(node);
        if (known != null) {
            return known;
        }
        List<String> walked = List.copyOf(walk(node));
        if (!walked.isEmpty() && r.ancestries().size() < MAX_REMEMBERED) {
            r.ancestries().put(node, walked);
        }
        return walked;
    }

    private List<String> walk(String node) {
        String sql = "WITH RECURSIVE up (code, parent_code, depth) AS ("
                + " SELECT code, parent_code, 0 FROM " + TABLE + " WHERE code = ?"
                + " UNION ALL SELECT t.code, t.parent_code, up.depth + 1 FROM " + TABLE + " t"
                + " JOIN up ON t.code = up.parent_code WHERE up.depth < " + MAX_DEPTH + ")"
                + " SELECT code FROM up ORDER BY depth";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, node);
            List<String> codes = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return codes;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the tree to check a caller's scope", e);
        }
    }
}
