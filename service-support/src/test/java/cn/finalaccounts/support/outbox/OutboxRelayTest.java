package cn.finalaccounts.support.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

/** The relay publishes what was committed, parks what Kafka refuses for good, and keeps each key's order. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
class OutboxRelayTest {
    private static final String TOPIC = "fa.test.outbox.v1";

    @Inject
    OutboxWriter outbox;

    @Inject
    AgroalDataSource db;

    @Test
    void anEventKafkaRefusesIsParkedItsKeyWaitsBehindItAndOtherKeysGoOn() {
        String tooLarge = "x".repeat(OutboxRelay.MAX_EVENT_BYTES + 1);
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.append(TOPIC, "park-K", "TestEvent", 1, Map.of("text", tooLarge));
            outbox.append(TOPIC, "park-K", "TestEvent", 1, Map.of("text", "after the parked one"));
            outbox.append(TOPIC, "park-L", "TestEvent", 1, Map.of("text", "another key"));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> row("park-L", 0).publishedAt() != null);
        Row parked = row("park-K", 0);
        assertTrue(parked.parkReason().startsWith("RecordTooLargeException"), parked.parkReason());
        assertNull(parked.publishedAt());
        Row behind = row("park-K", 1);
        assertNull(behind.publishedAt(), "a later event of the parked key overtook it");
        assertNull(behind.parkReason());
        assertEquals(List.of("park-L"), keysOnTopicStartingWith("park-"));
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox-relay' }.data.parked", equalTo(1));
        given().get("/q/metrics").then().statusCode(200).body(containsString("fa_outbox_parked_rows 1.0"));
    }

    @Test
    void writesGoOnWhileTheBrokerIsAwayAndTheBacklogIsPublishedWhenItReturns() {
        long waitingBefore = unpublished();
        KafkaTestBroker.stopBroker();
        try {
            QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, "away-K", "TestEvent", 1,
                    Map.of("text", "written while the broker is away")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .body("checks.find { it.name == 'outbox-relay' }.status", equalTo("UP"))
                    .body("checks.find { it.name == 'outbox-relay' }.data.unpublished",
                            equalTo((int) waitingBefore + 1)));
        } finally {
            KafkaTestBroker.startBroker();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> row("away-K", 0).publishedAt() != null);
        assertEquals(List.of("away-K"), keysOnTopicStartingWith("away-"));
    }

    private long unpublished() {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM outbox_event WHERE published_at IS NULL"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Row(java.sql.Timestamp publishedAt, String parkReason) {
    }

    /** The n-th outbox row (by id) of a key. */
    private Row row(String key, int n) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT published_at, park_reason FROM outbox_event WHERE event_key = ? ORDER BY id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                for (int i = 0; i < n; i++) {
                    rs.next();
                }
                rs.next();
                return new Row(rs.getTimestamp(1), rs.getString(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> keysOnTopicStartingWith(String prefix) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-test-" + System.nanoTime()),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (r.key().startsWith(prefix)) {
                        keys.add(r.key());
                    }
                }
            }
        }
        return keys;
    }
}
