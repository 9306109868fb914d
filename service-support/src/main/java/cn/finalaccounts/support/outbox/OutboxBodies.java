package cn.finalaccounts.support.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

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

    /**
     * The bodies of several references at once, by reference; a reference that names nothing is left out. The relay
     * asks for a batch's bodies together: one statement per body was half of its time (docs/benchmarks.md), so a
     * source that can read many in one statement should say so here. This default asks {@link #body} for each.
     */
    default Map<String, String> bodies(Connection c, Collection<String> references) throws SQLException {
        Map<String, String> found = new HashMap<>();
        for (String reference : references) {
            String body = body(c, reference);
            if (body != null) {
                found.put(reference, body);
            }
        }
        return found;
    }
}
