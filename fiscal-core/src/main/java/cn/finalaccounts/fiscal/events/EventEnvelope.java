package cn.finalaccounts.fiscal.events;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What every record on every topic carries: an id for de-duplication, the event type, the version of that
 * type's contract, when it happened, and the data. Consumers dispatch on {@code type}, so new event types join
 * without changing the envelope.
 */
public record EventEnvelope(String eventId, String type, int contractVersion, String occurredAt, JsonNode data) {
}
