package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.RollupView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/** The kept 汇总 cells of every node, changed only by adding deltas (an adder plus a subtractor). */
@ApplicationScoped
public class SummaryStore {
    // VALUES(amount) is the portable spelling for MariaDB and MySQL 8 (MySQL's row alias is unknown to MariaDB).
    private static final String ADD = "INSERT INTO summary_cell (node_code, view_name, fiscal_year, table_id, row_id, col_id,"
            + " amount) VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE amount = amount + VALUES(amount)";

    /**
     * Not a figure of any table: each unit's contribution holds 1 here, so a node's 汇总 keeps how many units are
     * in it, and that count moves, retracts and rebuilds exactly as the figures do.
     */
    public static final CellKey UNITS_IN = new CellKey("_", "units_in", "_");

    @Inject
    AgroalDataSource dataSource;

    /** A node, a view and a year: the key of one 汇总. */
    public record SummaryKey(String node, RollupView view, int year) {
    }

    /**
     * Takes the roll-up lock for the caller's transaction, as its first statement: shared for a batch that only
     * adds figures, exclusive for one that changes the tree. Being a locking read, it also makes the transaction's
     * snapshot start after every batch that held the lock before.
     */
    public void lockTree(boolean exclusive) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM rollup_lock WHERE id = 1 " + (exclusive ? "FOR UPDATE" : "LOCK IN SHARE MODE"));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the roll-up lock", e);
        }
    }

    /**
     * Adds each delta sheet to its node's 汇总 in one batch, in key order, so that two instances adding to the
     * same ancestors lock its rows in the same order and never deadlock.
     */
    public void add(Map<SummaryKey, CellSheet> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        Map<SummaryKey, CellSheet> ordered = new java.util.TreeMap<>(java.util.Comparator.comparing(SummaryKey::node)
                .thenComparing(k -> k.view().id()).thenComparingInt(SummaryKey::year));
        ordered.putAll(deltas);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(ADD)) {
            for (Map.Entry<SummaryKey, CellSheet> e : ordered.entrySet()) {
                for (Map.Entry<CellKey, BigDecimal> cell : e.getValue().cells().entrySet()) {
                    ps.setString(1, e.getKey().node());
                    ps.setString(2, e.getKey().view().id());
                    ps.setInt(3, e.getKey().year());
                    ps.setString(4, cell.getKey().table());
                    ps.setString(5, cell.getKey().row());
                    ps.setString(6, cell.getKey().col());
                    ps.setBigDecimal(7, cell.getValue());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the 汇总", e);
        }
    }

    /** The node's 汇总 of one year in one view; cells that net to zero are left out (blank reads as zero). */
    public CellSheet read(String node, RollupView view, int year) {
        CellSheet sheet = new CellSheet();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT table_id, row_id, col_id, amount FROM summary_cell WHERE node_code = ? AND view_name = ?"
                        + " AND fiscal_year = ? AND amount <> 0")) {
            ps.setString(1, node);
            ps.setString(2, view.id());
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    sheet.add(new CellKey(rs.getString(1), rs.getString(2), rs.getString(3)), rs.getBigDecimal(4));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总 of " + node, e);
        }
        return sheet;
    }

    /** Every kept 汇总 cell of every node (non-zero), for a from-scratch comparison. */
    public Map<SummaryKey, CellSheet> readEverything() {
        Map<SummaryKey, CellSheet> all = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node_code, view_name, fiscal_year, table_id, row_id, col_id, amount FROM summary_cell"
                        + " WHERE amount <> 0"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                SummaryKey key = new SummaryKey(rs.getString(1), RollupView.parse(rs.getString(2)).orElseThrow(), rs.getInt(3));
                all.computeIfAbsent(key, k -> new CellSheet())
                        .add(new CellKey(rs.getString(4), rs.getString(5), rs.getString(6)), rs.getBigDecimal(7));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总", e);
        }
        return all;
    }

    /** Empties every table derived from the topics, so the consumer can rebuild them from the beginning. */
    public void clearDerivedState() {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String table : new String[] {"summary_cell", "unit_contribution", "tree_node", "consumer_offset",
                    "rejected_event", "project_contribution", "fund_contribution"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the derived tables", e);
        }
    }

    /** How many units are under a node (itself included when it is a unit), removed ones left out. */
    public int unitsExpected(String node) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "WITH RECURSIVE sub (code, kind, removed) AS (SELECT code, kind, removed FROM tree_node WHERE code = ?"
                        + " UNION ALL SELECT t.code, t.kind, t.removed FROM tree_node t JOIN sub s ON t.parent_code = s.code)"
                        + " SELECT COUNT(*) FROM sub WHERE kind = 'unit' AND removed = FALSE")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the units under " + node, e);
        }
    }

    /** Every 汇总 of a node, all views and years: what moves with it when it changes parent. */
    public Map<SummaryKey, CellSheet> readAll(String node) {
        Map<SummaryKey, CellSheet> years = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT view_name, fiscal_year, table_id, row_id, col_id, amount FROM summary_cell WHERE node_code = ?"
                        + " AND amount <> 0")) {
            ps.setString(1, node);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    SummaryKey key = new SummaryKey(node, RollupView.parse(rs.getString(1)).orElseThrow(), rs.getInt(2));
                    years.computeIfAbsent(key, k -> new CellSheet())
                            .add(new CellKey(rs.getString(3), rs.getString(4), rs.getString(5)), rs.getBigDecimal(6));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总 of " + node, e);
        }
        return years;
    }
}
