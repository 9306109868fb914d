package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The mirrored tree as a batch of events reads and writes it, in plain JDBC in the batch's transaction: the
 * histories of the nodes a batch meets (one query for all its units), and a node event's new standing. Through the
 * ORM, each lookup first flushed the thousands of nodes a rebuild's batch had stored, and a third of a rebuild went
 * there (docs/benchmarks.md). The entities {@link OrgNode} and {@link OrgNodeVersion} serve the reads.
 */
@ApplicationScoped
public class TreeStore {
    @Inject
    AgroalDataSource dataSource;

    /** The stored histories of the listed nodes; a node not known yet is absent. */
    public Map<String, NodeHistory> historiesOf(Collection<String> codes) {
        Map<String, List<NodeVersion>> versions = new HashMap<>();
        for (List<String> chunk : InList.chunks(codes)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT code, from_year, name, unit_type, parent_code, removed FROM org_node_version WHERE code IN ("
                            + InList.marks(chunk.size()) + ") ORDER BY code, from_year")) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String type = rs.getString(4);
                        versions.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(new NodeVersion(
                                rs.getInt(2), rs.getString(3), type == null ? null : UnitType.fromLabel(type),
                                rs.getString(5), rs.getBoolean(6)));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read the histories of " + chunk.size() + " nodes", e);
            }
        }
        Map<String, NodeHistory> histories = new HashMap<>();
        versions.forEach((code, v) -> histories.put(code, new NodeHistory(v)));
        return histories;
    }

    /** The stored node's revision; empty for a node not known yet. */
    public OptionalLong revisionOf(String code) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT revision FROM org_node WHERE code = ?")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the node " + code, e);
        }
    }

    /** The node as the event describes it: today's standing, and its history replacing the one stored. */
    public void store(OrgNodeChanged event, NodeHistory history) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_node (code, name, kind, unit_type,"
                    + " parent_code, revision, removed) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    + " name = VALUES(name), kind = VALUES(kind), unit_type = VALUES(unit_type),"
                    + " parent_code = VALUES(parent_code), revision = VALUES(revision), removed = VALUES(removed)")) {
                ps.setString(1, event.code());
                ps.setString(2, event.name());
                ps.setString(3, event.kind().id());
                ps.setString(4, event.unitType() == null ? null : event.unitType().label());
                ps.setString(5, event.effectiveParent());
                ps.setLong(6, event.revision());
                ps.setBoolean(7, event.removed());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM org_node_version WHERE code = ?")) {
                ps.setString(1, event.code());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO org_node_version (code, from_year, name, kind,"
                    + " unit_type, parent_code, removed) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                for (NodeVersion v : history.versions()) {
                    ps.setString(1, event.code());
                    ps.setInt(2, v.fromYear());
                    ps.setString(3, v.name());
                    ps.setString(4, event.kind().id());
                    ps.setString(5, v.unitType() == null ? null : v.unitType().label());
                    ps.setString(6, v.parentCode());
                    ps.setBoolean(7, v.removed());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the node " + event.code(), e);
        }
    }

    /** For a caller that wants one history. */
    public Optional<NodeHistory> historyOf(String code) {
        return Optional.ofNullable(historiesOf(List.of(code)).get(code));
    }
}
