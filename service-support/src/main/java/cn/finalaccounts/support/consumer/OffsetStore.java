package cn.finalaccounts.support.consumer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The consumer's position in the service's {@code consumer_offset} table, kept in the same database and transaction as the 汇总: Kafka's own offset commit
 * would be a second, separate write, and a crash between the two would count a batch twice or not at all.
 */
@ApplicationScoped
public class OffsetStore {
    @Inject
    AgroalDataSource dataSource;

    public Map<TopicPartition, Long> load() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT topic, partition_no, next_offset FROM consumer_offset"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                offsets.put(new TopicPartition(rs.getString(1), rs.getInt(2)), rs.getLong(3));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read consumer offsets", e);
        }
        return offsets;
    }

    /** Forgets every stored offset (a rebuild reads the topics from the beginning); in the caller's transaction. */
    public void clear() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM consumer_offset")) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not clear the consumer offsets", e);
        }
    }

    /** Another instance stored a different offset for a partition than this one started from. */
    public static class FencedException extends RuntimeException {
        public FencedException(String message) {
            super(message);
        }
    }

    /**
     * Advances each partition's offset from {@code expected} (-1: no row yet) to {@code next}, in the caller's
     * transaction; throws {@link FencedException} when a stored offset is not the expected one, which rolls the
     * whole batch back.
     */
    public void advance(Map<TopicPartition, Long> expected, Map<TopicPartition, Long> next) {
        Timestamp now = Timestamp.from(Instant.now());
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE consumer_offset SET next_offset = ?, updated_at = ?"
                        + " WHERE topic = ? AND partition_no = ? AND next_offset = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO consumer_offset (topic, partition_no,"
                        + " next_offset, updated_at) VALUES (?, ?, ?, ?)")) {
            for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
                TopicPartition tp = e.getKey();
                long from = expected.getOrDefault(tp, -1L);
                if (from < 0) {
                    insert.setString(1, tp.topic());
                    insert.setInt(2, tp.partition());
                    insert.setLong(3, e.getValue());
                    insert.setTimestamp(4, now);
                    try {
                        insert.executeUpdate();
                    } catch (java.sql.SQLIntegrityConstraintViolationException dup) {
                        throw new FencedException(tp + " was started by another instance");
                    }
                } else {
                    update.setLong(1, e.getValue());
                    update.setTimestamp(2, now);
                    update.setString(3, tp.topic());
                    update.setInt(4, tp.partition());
                    update.setLong(5, from);
                    if (update.executeUpdate() != 1) {
                        throw new FencedException(tp + " moved on from offset " + from + " in another instance");
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store consumer offsets", e);
        }
    }

    /**
     * True when the database answers a trivial query now. A batch that fails while it answers fails for its own
     * reasons (and may hold a poison record); one that fails while it does not is waiting for an outage to end.
     */
    public boolean databaseAnswers() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT 1");
                ResultSet rs = ps.executeQuery()) {
            return rs.next();
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** When the newest batch was applied, or null before the first. */
    public Instant lastAppliedAt() {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT MAX(updated_at) FROM consumer_offset"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            Timestamp t = rs.getTimestamp(1);
            return t == null ? null : t.toInstant();
        } catch (SQLException e) {
            throw new IllegalStateException("could not read consumer offsets", e);
        }
    }
}
