package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.support.rebuild.DerivedState;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The kept 汇总 of every node, view and year, one sheet per row, changed only by adding deltas (an adder plus a
 * subtractor).
 */
@ApplicationScoped
public class SummaryStore implements DerivedState {
    private static final Comparator<SummaryKey> KEY_ORDER = Comparator.comparing(SummaryKey::node)
            .thenComparing(k -> k.view().id()).thenComparingInt(SummaryKey::year);

    // VALUES(x) is the portable spelling for MariaDB and MySQL 8 (MySQL's row alias is unknown to MariaDB).
    private static final String CREATE_AND_LOCK = "INSERT INTO summary_sheet (node_code, view_name, fiscal_year, cells,"
            + " tag) VALUES (?, ?, ?, '', 0) ON DUPLICATE KEY UPDATE tag = tag";
    private static final String WRITE = "INSERT INTO summary_sheet (node_code, view_name, fiscal_year, cells, tag)"
            + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE cells = VALUES(cells), tag = VALUES(tag)";

    @Inject
    AgroalDataSource dataSource;

    /**
     * What a rendering of a node's 汇总 depends on: the tag of its sheet (0 when it has none) and the tag of the
     * tree (names, kinds, the units expected). Equal tags, equal figures.
     */
    public record Tags(long tree, long sheet) {
    }

    /**
     * Takes the summary lock for the caller's transaction, as its first statement: shared for a batch that only
     * adds figures, exclusive for one that changes the tree. Being a locking read, it also makes the transaction's
     * snapshot start after every batch that held the lock before.
     */
    public void lockTree(boolean exclusive) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id FROM summary_lock WHERE id = 1 " + (exclusive ? "FOR UPDATE" : "LOCK IN SHARE MODE"));
                ResultSet rs = ps.executeQuery()) {
            rs.next();
        } catch (SQLException e) {
            throw new IllegalStateException("could not take the summary lock", e);
        }
    }

    /** Marks, in the caller's transaction, that the tree has changed: renderings that named the old one are stale. */
    public void treeChanged() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("UPDATE summary_lock SET tree_tag = ? WHERE id = 1")) {
            ps.setLong(1, newTag());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not mark the tree as changed", e);
        }
    }

    /** The tags of the tree and of one 汇总, in one statement. */
    public Tags tags(String node, CountedView view, int year) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT l.tree_tag, (SELECT s.tag FROM summary_sheet s WHERE s.node_code = ? AND s.view_name = ?"
                        + " AND s.fiscal_year = ?) FROM summary_lock l WHERE l.id = 1")) {
            ps.setString(1, node);
            ps.setString(2, view.id());
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return new Tags(rs.getLong(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the tags of " + node, e);
        }
    }

    /** A random tag: 64 bits make two equal tags of different contents practically impossible. */
    private static long newTag() {
        return java.util.concurrent.ThreadLocalRandom.current().nextLong();
    }

    /**
     * Adds each delta sheet to its node's kept 汇总, writing each sheet once. Three statements, whatever the number
     * of events in the batch: the first creates the missing sheets and locks every touched one, in key order (the
     * primary key's), so two instances adding to the same ancestors queue on them instead of deadlocking; the
     * second reads them under that lock (a locking read sees the latest committed sheet, not the snapshot the
     * batch began with, so no other instance's batch is lost); the third writes the sums.
     */
    public void add(Map<SummaryKey, CellSheet> deltas) {
        if (deltas.isEmpty()) {
            return;
        }
        List<SummaryKey> keys = new ArrayList<>(deltas.keySet());
        keys.sort(KEY_ORDER);
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(CREATE_AND_LOCK)) {
                for (SummaryKey key : keys) {
                    bindKey(ps, key);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            Map<SummaryKey, CellSheet> sheets = lockedSheets(c, keys);
            try (PreparedStatement ps = c.prepareStatement(WRITE)) {
                for (SummaryKey key : keys) {
                    CellSheet sheet = sheets.getOrDefault(key, new CellSheet());
                    sheet.addAll(deltas.get(key));
                    bindKey(ps, key);
                    ps.setString(4, SheetText.format(sheet));
                    ps.setLong(5, newTag());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the 汇总", e);
        }
    }

    /** The listed sheets, read with FOR UPDATE (the caller already holds their locks), grouped by view and year. */
    private static Map<SummaryKey, CellSheet> lockedSheets(Connection c, List<SummaryKey> keys) throws SQLException {
        Map<SummaryKey, CellSheet> sheets = new HashMap<>();
        Map<SummaryKey, List<String>> nodesByViewAndYear = new java.util.LinkedHashMap<>();
        for (SummaryKey key : keys) {
            nodesByViewAndYear.computeIfAbsent(new SummaryKey("", key.view(), key.year()), k -> new ArrayList<>())
                    .add(key.node());
        }
        for (Map.Entry<SummaryKey, List<String>> group : nodesByViewAndYear.entrySet()) {
            for (List<String> chunk : InList.chunks(group.getValue())) {
                try (PreparedStatement ps = c.prepareStatement("SELECT node_code, cells FROM summary_sheet"
                        + " WHERE view_name = ? AND fiscal_year = ? AND node_code IN (" + InList.marks(chunk.size())
                        + ") FOR UPDATE")) {
                    ps.setString(1, group.getKey().view().id());
                    ps.setInt(2, group.getKey().year());
                    int i = 3;
                    for (String node : chunk) {
                        ps.setString(i++, node);
                    }
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            sheets.put(new SummaryKey(rs.getString(1), group.getKey().view(), group.getKey().year()),
                                    SheetText.parse(rs.getString(2)));
                        }
                    }
                }
            }
        }
        return sheets;
    }

    private static void bindKey(PreparedStatement ps, SummaryKey key) throws SQLException {
        ps.setString(1, key.node());
        ps.setString(2, key.view().id());
        ps.setInt(3, key.year());
    }

    /** The node's 汇总 of one year in one view; cells that net to zero are left out (blank reads as zero). */
    public CellSheet read(String node, CountedView view, int year) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT cells FROM summary_sheet WHERE node_code = ? AND view_name = ? AND fiscal_year = ?")) {
            ps.setString(1, node);
            ps.setString(2, view.id());
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? SheetText.parse(rs.getString(1)) : new CellSheet();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总 of " + node, e);
        }
    }

    /** The keys of every kept 汇总, without their cells. */
    public List<SummaryKey> keys() {
        List<SummaryKey> keys = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node_code, view_name, fiscal_year FROM summary_sheet"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new SummaryKey(rs.getString(1), CountedView.parse(rs.getString(2)).orElseThrow(),
                        rs.getInt(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the kept 汇总", e);
        }
        return keys;
    }

    /** Every kept 汇总 (all views and years) of the listed nodes, in one query per 500 codes. */
    public Map<SummaryKey, CellSheet> readAll(Collection<String> nodes) {
        Map<SummaryKey, CellSheet> all = new HashMap<>();
        for (List<String> chunk : InList.chunks(nodes)) {
            all.putAll(sheets("SELECT node_code, view_name, fiscal_year, cells FROM summary_sheet WHERE node_code IN ("
                    + InList.marks(chunk.size()) + ")", chunk));
        }
        return all;
    }

    /** Every 汇总 of a node, all views and years: what moves with it when it changes parent. */
    public Map<SummaryKey, CellSheet> readAll(String node) {
        return sheets("SELECT node_code, view_name, fiscal_year, cells FROM summary_sheet WHERE node_code = ?",
                List.of(node));
    }

    private Map<SummaryKey, CellSheet> sheets(String sql, List<String> nodes) {
        Map<SummaryKey, CellSheet> all = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < nodes.size(); i++) {
                ps.setString(i + 1, nodes.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    CellSheet sheet = SheetText.parse(rs.getString(4));
                    if (!sheet.isEmpty()) {
                        all.put(new SummaryKey(rs.getString(1), CountedView.parse(rs.getString(2)).orElseThrow(),
                                rs.getInt(3)), sheet);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总", e);
        }
        return all;
    }

    /** Empties every table derived from the topics, so the consumer can rebuild them from the beginning. */
    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection(); java.sql.Statement s = c.createStatement()) {
            for (String table : new String[] {"summary_sheet", "unit_contribution", "org_node", "org_node_version", "consumer_offset",
                    "rejected_event", "project_contribution", "fund_contribution"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
            s.executeUpdate("UPDATE summary_lock SET tree_tag = " + newTag() + " WHERE id = 1");
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the derived tables", e);
        }
    }
}
