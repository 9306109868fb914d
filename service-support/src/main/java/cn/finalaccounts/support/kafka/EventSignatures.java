package cn.finalaccounts.support.kafka;

import cn.finalaccounts.fiscal.events.EventSignature;
import cn.finalaccounts.fiscal.events.Topics;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Signs what this service publishes and verifies what it consumes ({@link EventSignature}): a record counts only if
 * the one producer that may write its topic ({@link Topics#writerOf}) signed it with one of its keys.
 *
 * <p>The keys are configuration, never code: {@code fa.events.keys.<producer>} (env {@code FA_EVENTS_KEYS_ACCOUNTS},
 * …) lists a producer's keys, the one it signs with first, the ones still accepted after a rotation behind it. A
 * service needs the keys of its own name ({@code fa.service}) when it publishes, and of every producer of the topics
 * it reads. Missing or short keys stop the start with a message naming the setting: a service that ran unsigned
 * would have its records refused by every consumer, and one that verified nothing would count anybody's records.
 */
@ApplicationScoped
@Startup
public class EventSignatures {
    private String self;
    private final Map<String, List<String>> keys = new HashMap<>();
    private final Set<String> ownTopics = new TreeSet<>();

    @PostConstruct
    void load() {
        Config config = ConfigProvider.getConfig();
        self = config.getValue("fa.service", String.class);
        ownTopics.addAll(list(config, "fa.events.own-topics"));
        Set<String> needed = new TreeSet<>();
        if (config.getOptionalValue("fa.outbox.enabled", Boolean.class).orElse(false)) {
            needed.add(self);
        }
        if (config.getOptionalValue("fa.consumer.enabled", Boolean.class).orElse(false)) {
            for (String topic : list(config, "fa.kafka.topics")) {
                String writer = writerOf(topic);
                if (writer == null) {
                    throw new IllegalStateException("fa.kafka.topics names " + topic + ", which no producer of the"
                            + " platform writes (fiscal-core Topics): its records could never be verified");
                }
                needed.add(writer);
            }
        }
        for (String producer : needed) {
            String property = "fa.events.keys." + producer;
            List<String> given = list(config, property);
            String env = property.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
            if (given.isEmpty()) {
                throw new IllegalStateException(property + " (env " + env + ") is not set: this service "
                        + (producer.equals(self) ? "signs its events with it" : "verifies the events of " + producer
                                + " with it") + " and does not run without (docs/security.md, \"Signed events\")");
            }
            for (String key : given) {
                if (key.length() < EventSignature.MIN_KEY_LENGTH) {
                    throw new IllegalStateException(property + " (env " + env + ") holds a key of fewer than "
                            + EventSignature.MIN_KEY_LENGTH + " characters; generate one with"
                            + " `head -c 32 /dev/urandom | base64`");
                }
            }
            keys.put(producer, given);
        }
    }

    /** The headers that sign a record this service publishes: its name and the HMAC under its first key. */
    public Headers sign(String topic, String key, String value) {
        List<String> own = keys.get(self);
        if (own == null) {
            throw new IllegalStateException("fa.events.keys." + self + " is not loaded: this service does not publish");
        }
        return new RecordHeaders(List.of(
                new RecordHeader(EventSignature.PRODUCER_HEADER, self.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(EventSignature.SIGNATURE_HEADER,
                        EventSignature.sign(own.get(0), self, topic, key, value).getBytes(StandardCharsets.UTF_8))));
    }

    /**
     * Why a consumed record is not to be believed (unsigned, signed by a producer that may not write its topic, or
     * with no key of it), or null when its producer wrote it. Nothing of the value is read before this answers.
     */
    public String refusal(ConsumerRecord<String, String> record) {
        List<String> producers = headers(record.headers(), EventSignature.PRODUCER_HEADER);
        List<String> signatures = headers(record.headers(), EventSignature.SIGNATURE_HEADER);
        if (producers.size() > 1 || signatures.size() > 1) {
            // Which one would count is a matter of reading order: neither does.
            return "not signed by its producer: more than one " + (producers.size() > 1
                    ? EventSignature.PRODUCER_HEADER : EventSignature.SIGNATURE_HEADER) + " header";
        }
        String writer = writerOf(record.topic());
        String refusal = EventSignature.refusal(writer, keys.getOrDefault(writer, List.of()),
                producers.isEmpty() ? null : producers.get(0), signatures.isEmpty() ? null : signatures.get(0),
                record.topic(), record.key(), record.value());
        return refusal == null ? null : "not signed by its producer: " + refusal;
    }

    private String writerOf(String topic) {
        String writer = Topics.writerOf(topic);
        return writer != null ? writer : ownTopics.contains(topic) ? self : null;
    }

    private static List<String> headers(Headers headers, String name) {
        List<String> found = new ArrayList<>(1);
        for (Header h : headers.headers(name)) {
            found.add(h.value() == null ? "" : new String(h.value(), StandardCharsets.UTF_8));
        }
        return found;
    }

    private static List<String> list(Config config, String property) {
        Optional<List<String>> values = config.getOptionalValues(property, String.class);
        List<String> out = new ArrayList<>();
        values.ifPresent(v -> v.stream().map(String::trim).filter(s -> !s.isEmpty()).forEach(out::add));
        return out;
    }
}
