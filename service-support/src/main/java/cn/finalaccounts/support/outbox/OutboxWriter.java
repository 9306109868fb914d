package cn.finalaccounts.support.outbox;

import cn.finalaccounts.fiscal.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Writes an event into the service's {@code outbox_event} table inside the caller's transaction, so the
 * event exists exactly when the data it describes was committed (promise 2: an accepted write is never lost).
 * The relay publishes it afterwards; it is woken as soon as the transaction commits.
 */
@ApplicationScoped
public class OutboxWriter {
    private static final String INSERT = "INSERT INTO outbox_event (topic, event_key, event_type, payload, created_at)"
            + " VALUES (?, ?, ?, ?, ?)";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Instance<OutboxRelay> relay;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, String type, int contractVersion, Object data) {
        String payload = EventCodec.encode(type, contractVersion, data);
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setString(3, type);
            ps.setString(4, payload);
            ps.setTimestamp(5, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox event", e);
        }
        if (relay.isResolvable()) {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                }

                @Override
                public void afterCompletion(int status) {
                    if (status == Status.STATUS_COMMITTED) {
                        relay.get().wake();
                    }
                }
            });
        }
    }
}
