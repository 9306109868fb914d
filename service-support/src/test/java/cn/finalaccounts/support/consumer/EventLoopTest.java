package cn.finalaccounts.support.consumer;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.DatabaseFaults;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.TestEventKeys;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The shared event loop under the faults it must outlive: a poison record, the database's connections killed,
 * the broker stopped, stored offsets the topic cannot serve. Every record is applied exactly once in the end,
 * and /admin/consumer and readiness say what happened.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class EventLoopTest {
    /** Whoever looks at the event loop's state: any platform role will do. */
    private static final String OPERATOR = Person.reader("431200").token();

    @Inject
    AgroalDataSource db;

    @Inject
    RecordingApplier applier;

    @Inject
    EventConsumer consumer;

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aPoisonRecordIsTriedThreeTimesAloneThenSetAsideAndTheRecordsBehindItAreApplied() {
        TestTopic.send("poison-key", List.of("p1-a", "poison-p1", "p1-b"));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "p1-").size() == 2);
        assertEquals(List.of("p1-a", "p1-b"), TestTopic.applied(db, "p1-"));
        assertEquals(3, applier.triedAlone("poison-p1"));
        assertEquals(List.of("failed 3 times: cannot apply poison-p1"),
                TestTopic.strings(db, "SELECT reason FROM rejected_event WHERE payload = ?", "poison-p1"));
        // The dead letter leaves through the outbox, in the same transaction as the rejection.
        assertEquals(1, TestTopic.strings(db, "SELECT id FROM outbox_event WHERE topic = ? AND payload LIKE"
                + " '%poison-p1%'", "fa.test.dead-letters.v1").size());
        given().auth().oauth2(OPERATOR).get("/api/v1/admin/consumer").then().statusCode(200)
                .body("rejectedByTopic.'fa.test.events.v1'", equalTo(1))
                .body("state", equalTo("RUNNING"))
                .body("lastError", notNullValue());
    }

    @Test
    void aRecordItsProducerDidNotSignIsSetAsideAtOnceUnreadAndTheRecordsBehindItAreApplied() {
        TestTopic.send("signed-key", List.of("s1-a"));
        TestTopic.sendAsIs(new ProducerRecord<>(TestTopic.NAME, "signed-key", "s1-unsigned"));
        TestTopic.sendAsIs(EventProducer.signed("support", "a-key-that-is-not-the-support-key-00000",
                TestTopic.NAME, "signed-key", "s1-wrong-key"));
        // The signature covers the value: a genuine signature moved onto another value is refused.
        ProducerRecord<String, String> genuine = EventProducer.signed("support", TestEventKeys.SUPPORT, TestTopic.NAME,
                "signed-key", "s1-original");
        TestTopic.sendAsIs(new ProducerRecord<>(TestTopic.NAME, null, "signed-key", "s1-altered", genuine.headers()));
        TestTopic.send("signed-key", List.of("s1-b"));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "s1-").size() == 2);
        assertEquals(List.of("s1-a", "s1-b"), TestTopic.applied(db, "s1-"));
        assertEquals(List.of("not signed by its producer: unsigned record: no fa-producer header"),
                TestTopic.strings(db, "SELECT reason FROM rejected_event WHERE payload = ?", "s1-unsigned"));
        assertEquals(List.of("not signed by its producer: signature does not match any key of producer support"),
                TestTopic.strings(db, "SELECT reason FROM rejected_event WHERE payload = ?", "s1-wrong-key"));
        assertEquals(List.of("not signed by its producer: signature does not match any key of producer support"),
                TestTopic.strings(db, "SELECT reason FROM rejected_event WHERE payload = ?", "s1-altered"));
        assertEquals(1, TestTopic.strings(db, "SELECT id FROM outbox_event WHERE topic = ? AND payload LIKE"
                + " '%s1-unsigned%'", "fa.test.dead-letters.v1").size());
    }

    @Test
    void recordsAreAppliedExactlyOnceWhileTheDatabaseConnectionsAreKilledAgainAndAgain() throws Exception {
        List<String> values = IntStream.range(0, 300).mapToObj(i -> "db-" + i).toList();
        DatabaseFaults faults = new DatabaseFaults(jdbcUrl, "support", "support", "support_test");
        CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
            for (int i = 0; i < values.size(); i += 10) {
                TestTopic.send("db-" + (i % 7), values.subList(i, i + 10));
            }
        });
        int killed = faults.killConnectionsFor(Duration.ofSeconds(5), Duration.ofMillis(100));
        sending.get();

        assertTrue(killed > 0, "the fault killed no connection");
        // The test's own pooled connections were killed too: a read may fail once.
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> TestTopic.applied(db, "db-").size() >= values.size());
        List<String> applied = TestTopic.applied(db, "db-");
        assertEquals(values.size(), applied.size(), "a record was applied twice or lost");
        assertEquals(values.stream().sorted().toList(), applied.stream().sorted().toList());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().auth().oauth2(OPERATOR).get("/api/v1/admin/consumer").then()
                .body("state", equalTo("RUNNING")).body("pendingEvents", equalTo(0)));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void theLoopWaitsOutAStoppedBrokerSaysSoInReadinessAndResumesByItself() {
        TestTopic.send("broker", List.of("kb-1", "kb-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "kb-").size() == 2);

        KafkaTestBroker.stopBroker();
        try {
            // stall-after is 3 s in the tests: the loop cannot measure the topics, so readiness goes DOWN.
            await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'event-loop' }.status", equalTo("DOWN"))
                    .body("checks.find { it.name == 'event-loop' }.data.state", equalTo("RETRYING")));
        } finally {
            KafkaTestBroker.startBroker();
        }
        TestTopic.send("broker", List.of("kb-3", "kb-4"));

        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "kb-").size() >= 4);
        assertEquals(List.of("kb-1", "kb-2", "kb-3", "kb-4"), TestTopic.applied(db, "kb-"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200));
    }

    @Test
    void storedOffsetsBeyondTheEndOfTheTopicHaltThePartitionAndARebuildFromTheSourcesStartsByItself() {
        io.restassured.response.Response newest = given().auth().oauth2(OPERATOR).get("/api/v1/admin/rebuild");
        long rebuildsBefore = newest.statusCode() == 200 ? newest.jsonPath().getLong("id") : 0;
        // As after the topics were deleted and created again: the database remembers offsets the topic never had.
        consumer.restartFromScratch(() -> execute("INSERT INTO consumer_offset (topic, partition_no, next_offset,"
                + " updated_at) VALUES ('fa.test.events.v1', 0, 1000000, CURRENT_TIMESTAMP(3))"));
        try {
            // The loop halts the partition (HALTED, readiness DOWN naming a rebuild) and the coordinator rebuilds at
            // once (fa.rebuild.on-misplaced-offsets): the halt may last a few milliseconds only, so the test once
            // missed it. The rebuild run keeps the loop's reason; afterwards the loop runs with no offset misplaced.
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                    .get("/api/v1/admin/rebuild").then().statusCode(200)
                    .body("id", org.hamcrest.Matchers.greaterThan((int) rebuildsBefore))
                    .body("reason", equalTo("fa.test.events.v1-0: stored offset beyond the end of the partition: the"
                            + " topic was recreated or the broker replaced; rebuild from the source services"))
                    .body("phase", equalTo("COMPLETED")));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR)
                    .get("/api/v1/admin/consumer").then()
                    .body("state", equalTo("RUNNING")).body("misplacedOffsets.size()", equalTo(0)));
            assertEquals(0L, count("SELECT COUNT(*) FROM consumer_offset WHERE next_offset = 1000000"));
        } finally {
            // Back to a consistent state for the other tests: applied rows and offsets go together.
            consumer.restartFromScratch(() -> {
                execute("DELETE FROM consumer_offset");
                execute("DELETE FROM applied_record");
                execute("DELETE FROM rejected_event");
            });
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(OPERATOR).get("/api/v1/admin/consumer").then()
                .body("state", equalTo("RUNNING")).body("misplacedOffsets.size()", equalTo(0)));
    }

    @Test
    void aRebuildWhoseClearingFailsLeavesTheLoopRunning() {
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> consumer.restartFromScratch(
                () -> {
                    throw new IllegalStateException("the database is away");
                }));

        TestTopic.send("after-failed-clear", List.of("fc-1", "fc-2"));
        await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "fc-").size() == 2);
        assertEquals(List.of("fc-1", "fc-2"), TestTopic.applied(db, "fc-"));
    }

    private long count(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void execute(String sql) {
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
