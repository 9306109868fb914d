package cn.finalaccounts.support.outbox;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.support.instance.ServiceInstance;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import com.fasterxml.jackson.annotation.JsonRawValue;
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

    @Inject
    ServiceInstance instance;

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

    /**
     * An operator traces how long an event waited for the relay from its row: the times are kept to the millisecond
     * (they were whole seconds: the driver bound them without their fraction).
     */
    @Test
    void aRowKeepsWhenItWasWrittenAndPublishedToTheMillisecond() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, "ms-K", "TestEvent", 1, Map.of("n", 1)));
        Thread.sleep(5); // two writes 5 ms apart: equal times would mean the fraction was lost
        QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, "ms-K", "TestEvent", 1, Map.of("n", 2)));

        await().atMost(Duration.ofSeconds(30)).until(() -> row("ms-K", 1).publishedAt() != null);
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT created_at, published_at FROM outbox_event WHERE event_key = 'ms-K' ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            java.sql.Timestamp first = rs.getTimestamp(1);
            assertFalse(rs.getTimestamp(2).before(first), "published before it was written");
            rs.next();
            assertTrue(rs.getTimestamp(1).getTime() - first.getTime() >= 5,
                    "the second row's time must be at least 5 ms after the first's: " + first + ", " + rs.getTimestamp(1));
        }
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
                            equalTo((int) waitingBefore + 1))
                    // the row's age, on the database's clock, is the seconds it has waited: not hours of a zone
                    .body("checks.find { it.name == 'outbox-relay' }.data.oldestUnpublishedAgeSeconds",
                            both(greaterThanOrEqualTo(0)).and(lessThan(60))));
        } finally {
            KafkaTestBroker.startBroker();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> row("away-K", 0).publishedAt() != null);
        assertEquals(List.of("away-K"), keysOnTopicStartingWith("away-"));
    }

    /** An event with its large part stored elsewhere, written raw where the referred body goes. */
    record Referring(String name, @JsonRawValue String body) {
    }

    @Test
    void aRowReferringToAStoredBodyIsPublishedWithTheBodySplicedInAndOneReferringToNothingIsParked() {
        String body = "{\"figures\": [{\"cell\": \"01.income_total.1\", \"amount\": \"901.39\"}], \"note\": \"决算\"}";
        QuarkusTransaction.requiringNew().run(() -> {
            store("body-1", body);
            outbox.appendReferring(TOPIC, "ref-K", "TestEvent", 1, new Referring("first", OutboxWriter.BODY_HERE),
                    "body-1");
            outbox.append(TOPIC, "ref-K", "TestEvent", 1, new Referring("second", null));
            outbox.appendReferring(TOPIC, "ref-M", "TestEvent", 1, new Referring("lost", OutboxWriter.BODY_HERE),
                    "no-such-body");
            outbox.append(TOPIC, "ref-M", "TestEvent", 1, new Referring("behind the lost one", null));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> row("ref-K", 1).publishedAt() != null);
        // The row holds the small envelope only; the topic gets the body where the writer left its place.
        assertEquals(1, count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'ref-K' AND body_ref = 'body-1'"
                + " AND payload NOT LIKE '%901.39%' AND payload LIKE '%\"body\":null%'"));
        List<String> published = valuesOnTopic("ref-K");
        assertEquals(2, published.size());
        assertTrue(published.get(0).endsWith("\"data\":{\"name\":\"first\",\"body\":" + body + "}}"), published.get(0));
        assertTrue(published.get(1).endsWith("\"data\":{\"name\":\"second\",\"body\":null}}"), published.get(1));
        Row lost = row("ref-M", 0);
        assertTrue(lost.parkReason().contains("no-such-body"), lost.parkReason());
        assertNull(row("ref-M", 1).publishedAt(), "a later event of the parked key overtook it");
        // Out of the way of the other tests, which count the parked rows.
        delete("DELETE FROM outbox_event WHERE event_key = 'ref-M'");
    }

    /**
     * The relay reads a batch's bodies {@value OutboxRelay#BODIES_PER_READ} at a time: 250 rows of one key, the 181st
     * referring to nothing, leave in order across those reads, the 181st is parked and the 69 behind it wait.
     */
    @Test
    void aBatchLongerThanOneReadOfBodiesKeepsItsKeysOrderAndStopsAtTheMissingBody() {
        int rows = 250;
        int missing = 180;
        QuarkusTransaction.requiringNew().run(() -> {
            for (int n = 0; n < rows; n++) {
                if (n != missing) {
                    store("many-" + n, "{\"n\": " + n + "}");
                }
                outbox.appendReferring(TOPIC, "many-K", "TestEvent", 1,
                        new Referring("row " + n, OutboxWriter.BODY_HERE), "many-" + n);
            }
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> row("many-K", missing).parkReason() != null);
        assertTrue(row("many-K", missing).parkReason().contains("many-180"), row("many-K", missing).parkReason());
        assertNull(row("many-K", missing + 1).publishedAt(), "a later event of the parked key overtook it");
        List<String> published = valuesOnTopic("many-K");
        assertEquals(missing, published.size());
        for (int n = 0; n < missing; n++) {
            assertTrue(published.get(n).endsWith("{\"name\":\"row " + n + "\",\"body\":{\"n\": " + n + "}}}"),
                    published.get(n));
        }
        delete("DELETE FROM outbox_event WHERE event_key = 'many-K'");
    }

    /**
     * The relays of two instances take turns: while another instance's batch holds the turn (its row lock, until it
     * commits), this relay publishes nothing, so it can never send a key's newer event before the other's older
     * one; once the turn is free it publishes, and the turn names it as the last holder.
     */
    @Test
    void whileAnotherInstanceHoldsTheRelaysTurnNothingIsPublishedAndOnceFreedTheRowsGoOut() throws Exception {
        try (Connection other = db.getConnection()) {
            other.setAutoCommit(false);
            try (PreparedStatement hold = other.prepareStatement(
                    "UPDATE outbox_relay_turn SET holder = 'another-instance:8083', taken_at = CURRENT_TIMESTAMP(3)"
                            + " WHERE id = 1")) {
                assertEquals(1, hold.executeUpdate());
            }
            QuarkusTransaction.requiringNew().run(() -> outbox.append(TOPIC, "turn-K", "TestEvent", 1,
                    Map.of("text", "written while another relay's batch is open")));
            // The relay is woken by the commit and polls every 0.5 s: it has tried for several turns by now.
            Thread.sleep(3_000);
            assertNull(row("turn-K", 0).publishedAt(), "published while another instance's relay held the turn");
            other.rollback();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> row("turn-K", 0).publishedAt() != null);
        assertEquals(List.of("turn-K"), keysOnTopicStartingWith("turn-"));
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT holder FROM outbox_relay_turn WHERE id = 1"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertEquals(instance.id(), rs.getString(1));
        }
    }

    private void delete(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void store(String ref, String body) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO test_body (ref, body) VALUES (?, ?)")) {
            ps.setString(1, ref);
            ps.setString(2, body);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
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

    private static List<String> valuesOnTopic(String key) {
        return onTopic(r -> r.key().equals(key)).stream().map(ConsumerRecord::value).toList();
    }

    private static List<String> keysOnTopicStartingWith(String prefix) {
        return onTopic(r -> r.key().startsWith(prefix)).stream().map(ConsumerRecord::key).toList();
    }

    /** The records of the test topic that match, read from its beginning for five seconds. */
    private static List<ConsumerRecord<String, String>> onTopic(
            java.util.function.Predicate<ConsumerRecord<String, String>> wanted) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "outbox-relay-test-" + System.nanoTime()),
                new StringDeserializer(), new StringDeserializer())) {
            c.subscribe(List.of(TOPIC));
            long deadline = System.currentTimeMillis() + 5_000;
            while (System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(500))) {
                    if (wanted.test(r)) {
                        found.add(r);
                    }
                }
            }
        }
        return found;
    }
}
