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
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The durable side of the kept 汇总: a changelog of deltas numbered in commit order ({@code summary_delta}, the number
 * in {@code summary_head}) and a snapshot per node, view and year ({@code summary_sheet}: the sum of that key's deltas
 * up to its {@code seq}). The sheets themselves live in memory (the service's {@code LiveSummaries}), which applies
 * what a batch wrote once it commits and reads the deltas other instances wrote; a start reads the snapshots and the
 * deltas after them. A batch writes two statements here whatever its size: the head's next number and its deltas.
 */
@ApplicationScoped
public class SummaryStore implements DerivedState {
    /** Delta rows per statement sent: each holds a sheet's text (a region's can be 100 KB), within max_allowed_packet. */
    private static final int INSERT_CHUNK = 200;

    @Inject
    AgroalDataSource dataSource;

    /**
     * The changelog's number (the last batch that changed a 汇总 or the tree), the epoch of the derived tables
     * (new at every rebuild) and the tree's tag (new at every change of the tree).
     */
    public record Head(long seq, long epoch, long treeTag) {
    }

    /** One batch's delta of one 汇总, as numbered in the changelog. */
    public record Delta(long seq, SummaryKey key, CellSheet cells) {
    }

    /** A key's sheet as the sum of its deltas up to {@code seq}. */
    public record Snapshot(CellSheet cells, long seq) {
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

    /**
     * Appends a batch's deltas under the next number, in the caller's transaction, and returns the head with that
     * number. Taking the number locks the head's row until the transaction ends, so the next batch takes its number
     * only after this one committed or rolled back: numbers are in commit order, without gaps, and a reader that has
     * every delta up to a number it read from the head misses none. Called last in a batch's transaction, so the
     * other consumer loops wait here only for the commit.
     */
    public Head append(Map<SummaryKey, CellSheet> deltas, boolean treeChanged) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("UPDATE summary_head SET seq = seq + 1"
                    + (treeChanged ? ", tree_tag = ?" : "") + " WHERE id = 1")) {
                if (treeChanged) {
                    ps.setLong(1, newTag());
                }
                ps.executeUpdate();
            }
            Head head = head(c);
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO summary_delta (seq, node_code, view_name,"
                    + " fiscal_year, cells) VALUES (?, ?, ?, ?, ?)")) {
                int pending = 0;
                for (Map.Entry<SummaryKey, CellSheet> delta : deltas.entrySet()) {
                    if (delta.getValue().isEmpty()) {
                        continue;
                    }
                    ps.setLong(1, head.seq());
                    bindKey(ps, 2, delta.getKey());
                    ps.setString(5, SheetText.format(delta.getValue()));
                    ps.addBatch();
                    if (++pending == INSERT_CHUNK) {
                        ps.executeBatch();
                        pending = 0;
                    }
                }
                if (pending > 0) {
                    ps.executeBatch();
                }
            }
            return head;
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the 汇总's changelog", e);
        }
    }

    /** The head as the caller's transaction (or a statement of its own) sees it. */
    public Head head() {
        try (Connection c = dataSource.getConnection()) {
            return head(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总's changelog head", e);
        }
    }

    private static Head head(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT seq, epoch, tree_tag FROM summary_head WHERE id = 1");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return new Head(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    /**
     * The snapshots written after number {@code after} and up to {@code upTo}: each replaces what a reader holds of its
     * key, the deltas it sums having been deleted. Read in the caller's transaction, with {@link #deltas} and the head
     * they are bounded by, so the three agree with each other.
     */
    public Map<SummaryKey, Snapshot> snapshotsAfter(long after, long upTo) {
        Map<SummaryKey, Snapshot> snapshots = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node_code, view_name, fiscal_year, cells, seq FROM summary_sheet WHERE seq > ? AND seq <= ?")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    snapshots.put(key(rs), new Snapshot(SheetText.parse(rs.getString(4)), rs.getLong(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总's snapshots", e);
        }
        return snapshots;
    }

    /**
     * The number after which a reader at {@code after} has read about {@code rows} more delta rows of the changelog
     * (the last number whole), or {@code upTo}: the end of its next range. Read ranges this way, a start never walks
     * the many numbers whose deltas are gone (snapshots delete most), and a range's parsed deltas stay small however
     * large each number is.
     */
    public long rangeEnd(long after, long upTo, int rows) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(seq) FROM (SELECT seq FROM summary_delta WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?) r")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            ps.setInt(3, rows);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                long end = rs.getLong(1);
                return rs.wasNull() ? upTo : end;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总's changelog", e);
        }
    }

    /**
     * The deltas numbered after {@code after} and up to {@code upTo}, in number order, in the caller's transaction. A
     * reader far behind reads them a range at a time ({@link #rangeEnd}): all at once, the parsed deltas of a long
     * changelog did not fit a service's heap.
     */
    public List<Delta> deltas(long after, long upTo) {
        List<Delta> deltas = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT node_code, view_name, fiscal_year, cells, seq FROM summary_delta WHERE seq > ? AND seq <= ?"
                        + " ORDER BY seq")) {
            ps.setLong(1, after);
            ps.setLong(2, upTo);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    deltas.add(new Delta(rs.getLong(5), key(rs), SheetText.parse(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the 汇总's changelog", e);
        }
        return deltas;
    }

    /**
     * Keeps a key's sheet as the sum of its deltas up to {@code seq} and deletes those deltas, in the caller's
     * transaction, unless the tables were emptied since the sheet was summed (another {@code epoch}: the head is
     * read with a shared lock, so no rebuild empties them in between). Several instances may snapshot the same key:
     * the later number wins, an earlier one changes nothing. Returns whether it was written.
     */
    public boolean snapshot(SummaryKey key, CellSheet cells, long seq, long epoch) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT epoch FROM summary_head WHERE id = 1 LOCK IN SHARE MODE"); ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != epoch) {
                    return false;
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO summary_sheet (node_code, view_name,"
                    + " fiscal_year, cells, seq) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                    // in this order: the cells compare the new number with the one stored before it changes
                    + " cells = IF(VALUES(seq) > seq, VALUES(cells), cells), seq = GREATEST(seq, VALUES(seq))")) {
                bindKey(ps, 1, key);
                ps.setString(4, SheetText.format(cells));
                ps.setLong(5, seq);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM summary_delta WHERE node_code = ?"
                    + " AND view_name = ? AND fiscal_year = ? AND seq <= ?")) {
                bindKey(ps, 1, key);
                ps.setLong(4, seq);
                ps.executeUpdate();
            }
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the snapshot of " + key, e);
        }
    }

    /** How many deltas the changelog holds: what a start would read beyond the snapshots. */
    public long deltaCount() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM summary_delta"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the 汇总's changelog", e);
        }
    }

    private static SummaryKey key(ResultSet rs) throws SQLException {
        return new SummaryKey(rs.getString(1), CountedView.parse(rs.getString(2)).orElseThrow(), rs.getInt(3));
    }

    private static void bindKey(PreparedStatement ps, int at, SummaryKey key) throws SQLException {
        ps.setString(at, key.node());
        ps.setString(at + 1, key.view().id());
        ps.setInt(at + 2, key.year());
    }

    /** A random tag: 64 bits make two equal tags of different contents practically impossible. */
    private static long newTag() {
        return ThreadLocalRandom.current().nextLong();
    }

    /**
     * Empties every table derived from the topics, so the consumer can rebuild them from the beginning. The numbers
     * go on; the epoch and the tree's tag change, so every instance drops what it holds in memory and no rendering
     * made before matches one made after.
     */
    @Override
    public void clear() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String table : new String[] {"summary_sheet", "summary_delta", "unit_contribution", "org_node",
                    "org_node_version", "consumer_offset", "rejected_event", "project_contribution",
                    "fund_contribution"}) {
                s.executeUpdate("DELETE FROM " + table);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE summary_head SET epoch = ?, tree_tag = ? WHERE id = 1")) {
                ps.setLong(1, newTag());
                ps.setLong(2, newTag());
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not empty the derived tables", e);
        }
    }
}
