package cn.finalaccounts.fiscal.events;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
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

    /**
     * The envelope {@code {"eventId", "type", "contractVersion", "occurredAt", "data"}}, in that order (a streaming
     * consumer dispatches on {@code type} and {@code contractVersion} before it reads {@code data}). Written in one
     * pass: the data goes straight to the text, never through a tree first (that doubled the work of every event).
     */
    public static String encode(String type, int contractVersion, Object data) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("eventId", UUID.randomUUID().toString());
            g.writeStringField("type", type);
            g.writeNumberField("contractVersion", contractVersion);
            g.writeStringField("occurredAt", Instant.now().toString());
            g.writeFieldName("data");
            MAPPER.writeValue(g, data);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
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
