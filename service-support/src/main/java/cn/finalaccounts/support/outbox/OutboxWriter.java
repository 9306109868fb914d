package cn.finalaccounts.support.outbox;

import cn.finalaccounts.support.persistence.AfterCommit;
import cn.finalaccounts.fiscal.events.EventCodec;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Writes an event into the service's {@code outbox_event} table inside the caller's transaction, so the
 * event exists exactly when the data it describes was committed (promise 2: an accepted write is never lost).
 * The relay publishes it afterwards; it is woken as soon as the transaction commits.
 */
@ApplicationScoped
public class OutboxWriter {
    // The time is the database's, to the millisecond: Connector/J binds a Timestamp to MariaDB 10 without its
    // fraction (it reads the server as version 5.5.5), which left every row's time whole seconds.
    private static final String INSERT = "INSERT INTO outbox_event (topic, event_key, event_type, payload, created_at)"
            + " VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3))";
    private static final String INSERT_REFERRING = "INSERT INTO outbox_event (topic, event_key, event_type, payload,"
            + " created_at, body_ref, body_at) VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP(3), ?, ?)";

    /**
     * What an event written with {@link #appendReferring} holds where the referred body goes: a JSON value (a
     * string no event of ours contains otherwise), written raw, e.g. through a {@code @JsonRawValue} field.
     */
    public static final String BODY_HERE = "\"\u0000outbox-body\"";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Instance<OutboxRelay> relay;

    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String topic, String key, String type, int contractVersion, Object data) {
        insert(topic, key, type, EventCodec.encode(type, contractVersion, data), null, -1);
    }

    /**
     * Writes an event whose data holds {@link #BODY_HERE} once, where the body that {@code reference} names goes: the
     * row keeps the small envelope with {@code null} there and the reference, and the relay splices the body in when
     * it publishes (through the service's {@link OutboxBodies}). For a body stored whole already, immutable, and
     * large: it is written once instead of twice. Same transaction, same order and same guarantees as
     * {@link #append}.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendReferring(String topic, String key, String type, int contractVersion, Object data,
            String reference) {
        String encoded = EventCodec.encode(type, contractVersion, data);
        int at = encoded.indexOf(BODY_HERE);
        if (at < 0 || encoded.indexOf(BODY_HERE, at + 1) >= 0) {
            throw new IllegalArgumentException("a referring event holds OutboxWriter.BODY_HERE exactly once");
        }
        String payload = encoded.substring(0, at) + "null" + encoded.substring(at + BODY_HERE.length());
        insert(topic, key, type, payload, reference, at);
    }

    private void insert(String topic, String key, String type, String payload, String reference, int at) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(reference == null ? INSERT : INSERT_REFERRING)) {
            ps.setString(1, topic);
            ps.setString(2, key);
            ps.setString(3, type);
            ps.setString(4, payload);
            if (reference != null) {
                ps.setString(5, reference);
                ps.setInt(6, at);
            }
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the outbox event", e);
        }
        if (relay.isResolvable()) {
            AfterCommit.run(transactions, () -> relay.get().wake());
        }
    }
}
