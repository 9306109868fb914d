package cn.finalaccounts.fiscal.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

/** Writes and reads event envelopes; the one place that knows the wire format of the topics. */
public final class EventCodec {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS, true);

    private EventCodec() {
    }

    public static String encode(String type, int contractVersion, Object data) {
        EventEnvelope envelope = new EventEnvelope(UUID.randomUUID().toString(), type, contractVersion,
                Instant.now().toString(), MAPPER.valueToTree(data));
        try {
            return MAPPER.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @throws UndecodableEventException when the bytes are not an envelope */
    public static EventEnvelope decode(String json) {
        try {
            EventEnvelope e = MAPPER.readValue(json, EventEnvelope.class);
            if (e == null || e.type() == null || e.data() == null) {
                throw new UndecodableEventException("not an event envelope: type or data missing");
            }
            return e;
        } catch (IOException e) {
            throw new UndecodableEventException("not JSON or not an event envelope: " + e.getMessage());
        }
    }

    /** @throws UndecodableEventException when the data does not fit the contract */
    public static <T> T data(EventEnvelope envelope, Class<T> type) {
        try {
            return MAPPER.treeToValue(envelope.data(), type);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new UndecodableEventException(envelope.type() + " data does not fit its contract: " + e.getMessage());
        }
    }

    public static JsonNode tree(Object value) {
        return MAPPER.valueToTree(value);
    }
}
