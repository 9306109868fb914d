package cn.finalaccounts.support.consumer;

import cn.finalaccounts.fiscal.events.RejectedEvent;
import cn.finalaccounts.support.outbox.OutboxWriter;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keeps records that are not events of a known contract in the service's {@code rejected_event} table, with the reason, so an operator can look. */
@ApplicationScoped
public class RejectedEventStore {
    @Inject
    AgroalDataSource dataSource;

    @Inject
    OutboxWriter outbox;

    /** Where set-aside records are also published (through the outbox, in the same transaction), if anywhere. */
    @ConfigProperty(name = "fa.dead-letter.topic")
    Optional<String> deadLetterTopic;

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
        deadLetterTopic.ifPresent(t -> outbox.append(t, key == null ? topic + "-" + partition : key, RejectedEvent.TYPE,
                RejectedEvent.CONTRACT_VERSION, new RejectedEvent(topic, partition, offset, key, reason, payload)));
    }

    /** How many records were ever set aside, per topic they came from. */
    public Map<String, Long> countsByTopic() {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT topic, COUNT(*) FROM rejected_event GROUP BY topic"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not count rejected events", e);
        }
        return counts;
    }
}
