package cn.finalaccounts.support.outbox;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Where the relay finds the part of an event that its outbox row refers to instead of copying (a service's own bean;
 * accounts-service's reads a report version's stored body). A service whose events are large and already stored
 * whole elsewhere writes the row with {@link OutboxWriter#appendReferring} and provides this bean; the relay splices
 * the referred text into the event when it publishes.
 *
 * <p>What a reference names must never change once the row is committed (a report version's body does not), so
 * that what is published is exactly what was committed, however late the relay sends it and however often.
 */
public interface OutboxBodies {
    /**
     * The JSON text a row's reference names, read on the relay's connection in its transaction; null when there is
     * none (the row is then parked with the reason, like a record Kafka refuses).
     */
    String body(Connection c, String reference) throws SQLException;
}
