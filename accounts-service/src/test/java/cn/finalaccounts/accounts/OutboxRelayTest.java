package cn.finalaccounts.accounts;

import static cn.finalaccounts.accounts.As.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.EventEnvelope;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.support.outbox.OutboxRelay;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** A saved report leaves through the outbox and arrives on the broker whole, with exact amounts. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class OutboxRelayTest {
    @Inject
    TableCounts counts;

    @Inject
    OutboxRelay relay;

    @Test
    void aSavedReportIsPublishedToItsTopicAndMarkedSent() {
        SeedFixture.registerTree("O1-R", "O1-D", "O1-U");
        as(Person.filler("O1-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("O1-U"))
                .put("/api/v1/units/O1-U/reports/2023").then().statusCode(201);

        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.UNIT_REPORTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if ("O1-U".equals(r.key())) {
                        received.add(r);
                    }
                });
                return !received.isEmpty();
            });
        }

        EventEnvelope envelope = EventCodec.decode(received.get(0).value());
        assertEquals(UnitReportChanged.TYPE, envelope.type());
        UnitReportChanged event = EventCodec.data(envelope, UnitReportChanged.class);
        assertEquals("draft", event.state());
        assertEquals(0, event.version());
        assertEquals(1, event.revision());
        assertEquals(2023, event.year());
        assertEquals(new BigDecimal("901.39"), event.report().toSheet().cells().get(new CellKey("01", "income_total", "1")));
        // The event carries the report with its derived subtotals: 05表 类 208 栏1 = Σ its 项.
        assertEquals(new BigDecimal("875.52"), event.report().toSheet().cells().get(new CellKey("05", "208", "1")));
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O1-U' AND published_at IS NULL") == 0);
    }

    @Test
    void publishedRowsArePrunedOnceOlderThanTheRetentionAndNoSooner() {
        Instant before = Instant.now().minusSeconds(1);
        SeedFixture.registerTree("O2-R", "O2-D", "O2-U");
        as(Person.filler("O2-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("O2-U"))
                .put("/api/v1/units/O2-U/reports/2023").then().statusCode(201);
        // The unit's node and its report, both keyed by the unit.
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U' AND published_at IS NOT NULL") == 2);

        relay.prunePublishedBefore(before);
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U'"));

        relay.prunePublishedBefore(Instant.now().plusSeconds(1));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U'"));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NOT NULL"));
    }
}
