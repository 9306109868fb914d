package cn.finalaccounts.support.consumer;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/** Keeps records that are not events of a known contract in the service's {@code rejected_event} table, with the reason, so an operator can look. */
@ApplicationScoped
public class RejectedEventStore {
    @Inject
    AgroalDataSource dataSource;

    public void reject(String topic, int partition, long offset, String key, String reason, String payload) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rejected_event (topic, partition_no, record_offset, record_key, reason, payload, rejected_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, topic);
            ps.setInt(2, partition);
            ps.setLong(3, offset);
            ps.setString(4, key);
            ps.setString(5, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            ps.setString(6, payload);
            ps.setTimestamp(7, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record a rejected event", e);
        }
    }
}
