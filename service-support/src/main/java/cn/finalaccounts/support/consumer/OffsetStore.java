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

    public void save(Map<TopicPartition, Long> nextOffsets) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO consumer_offset (topic, partition_no, next_offset, updated_at) VALUES (?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE next_offset = VALUES(next_offset), updated_at = VALUES(updated_at)")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (Map.Entry<TopicPartition, Long> e : nextOffsets.entrySet()) {
                ps.setString(1, e.getKey().topic());
                ps.setInt(2, e.getKey().partition());
                ps.setLong(3, e.getValue());
                ps.setTimestamp(4, now);
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store consumer offsets", e);
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
