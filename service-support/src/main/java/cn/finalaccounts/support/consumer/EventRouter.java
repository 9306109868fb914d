package cn.finalaccounts.support.consumer;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.EventEnvelope;
import cn.finalaccounts.fiscal.events.EventIdentifiers;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

/**
 * Decodes a record's envelope and hands its data to the handler registered for its type and contract version.
 * A record of no registered type or version, or whose data does not fit its contract, is a poison event: it is
 * set aside with the reason and the stream goes on. New event types join by registering a handler.
 */
public final class EventRouter {
    private static final Logger LOG = Logger.getLogger(EventRouter.class);

    private record Route<T>(int oldest, int newest, Class<T> type, Consumer<T> handler) {
        void handle(EventEnvelope envelope) {
            if (envelope.contractVersion() < oldest || envelope.contractVersion() > newest) {
                throw new UndecodableEventException(envelope.type() + " contract version " + envelope.contractVersion()
                        + " is not known here (supported: " + (oldest == newest ? "" + newest : oldest + " to " + newest)
                        + ")");
            }
            T data = EventCodec.data(envelope, type);
            // A record is input from outside: a code in a second spelling is poison, never a second node.
            EventIdentifiers.require(data);
            handler.accept(data);
        }
    }

    private final Map<String, Route<?>> routes = new HashMap<>();
    private final Map<String, Consumer<String>> readers = new HashMap<>();
    private final RejectedEventStore rejected;

    public EventRouter(RejectedEventStore rejected) {
        this.rejected = rejected;
    }

    public <T> EventRouter on(String eventType, int contractVersion, Class<T> type, Consumer<T> handler) {
        return on(eventType, contractVersion, contractVersion, type, handler);
    }

    /** A handler for every contract version from {@code oldest} to {@code newest}, which the data class reads alike. */
    public <T> EventRouter on(String eventType, int oldest, int newest, Class<T> type, Consumer<T> handler) {
        routes.put(eventType, new Route<>(oldest, newest, type, handler));
        return this;
    }

    /**
     * Every record of the topic goes to {@code reader} as its text, for a consumer that decodes the topic's event
     * itself (streaming, into what it needs) instead of through the envelope's tree; it throws
     * {@link UndecodableEventException} for a record that does not fit, which is set aside like any poison event.
     */
    public EventRouter onTopic(String topic, Consumer<String> reader) {
        readers.put(topic, reader);
        return this;
    }

    /** Applies one record, or sets it aside; throws only what the handler throws for other reasons. */
    public void route(ConsumerRecord<String, String> record) {
        try {
            Consumer<String> reader = readers.get(record.topic());
            if (reader != null) {
                reader.accept(record.value());
                return;
            }
            EventEnvelope envelope = EventCodec.decode(record.value());
            Route<?> route = routes.get(envelope.type());
            if (route == null) {
                throw new UndecodableEventException("unknown event type '" + envelope.type() + "'");
            }
            route.handle(envelope);
        } catch (UndecodableEventException e) {
            LOG.warnf("set aside %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            rejected.reject(record.topic(), record.partition(), record.offset(), record.key(), e.getMessage(),
                    record.value());
        }
    }
}
