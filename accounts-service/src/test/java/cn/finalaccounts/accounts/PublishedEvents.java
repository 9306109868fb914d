package cn.finalaccounts.accounts;

import static org.awaitility.Awaitility.await;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The report events a unit's key received on the broker, read as a consumer reads them: from the topic. */
public final class PublishedEvents {
    private PublishedEvents() {
    }

    /** Waits until the unit's key has {@code count} report events on the topic and returns them in order. */
    public static List<UnitReportChanged> reportEvents(String unit, int count) {
        List<UnitReportChanged> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.UNIT_REPORTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (unit.equals(r.key())) {
                        received.add(EventCodec.data(EventCodec.decode(r.value()), UnitReportChanged.class));
                    }
                });
                return received.size() >= count;
            });
        }
        return received;
    }
}
