package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A read that arrives while a rebuild has just emptied the mirrored tree (every node unknown for a moment, so in
 * nobody's scope) answers 503 rebuild-under-way, never 403. The rebuild is held at exactly that moment
 * ({@link HeldRebuild}), so the race is not left to luck: before the fix the run was marked under way only after the
 * emptying had committed, and this read got a 403.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ReadsDuringRebuildTest {
    @Inject
    HeldRebuild held;

    @Test
    void aReadRightAfterTheTreeWasEmptiedAnswers503NotForbidden() throws Exception {
        try (EventProducer events = new EventProducer()) {
            events.tree("RR-R", "RR-D", "RR-U");
            events.report(EventProducer.seedReport("RR-U"), 1, "approved");
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> As.readerOf("RR-R").get("/api/v1/summaries/RR-R/2023")
                .then().statusCode(200).body("freshness.unitsIn", equalTo(1)));
        var operator = As.operator();

        held.holdNext();
        CompletableFuture<Integer> rebuild = CompletableFuture.supplyAsync(() ->
                operator.post("/api/v1/admin/rebuild").statusCode());
        try {
            assertTrue(held.awaitEmptied(60), "the rebuild never emptied the derived state");

            Response read = As.readerOf("RR-R").get("/api/v1/summaries/RR-R/2023/units");
            assertEquals(503, read.statusCode(), read.asString());
            assertEquals("urn:final-accounts:problem:rebuild-under-way", read.jsonPath().getString("type"));
            assertEquals("5", read.header("Retry-After"));
        } finally {
            held.release();
        }
        assertEquals(202, rebuild.get(60, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> As.readerOf("RR-R").get("/api/v1/admin/rebuild")
                .then().statusCode(200).body("phase", equalTo("COMPLETED")));
        As.readerOf("RR-R").get("/api/v1/summaries/RR-R/2023").then().statusCode(200)
                .body("freshness.unitsIn", equalTo(1))
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' && it.col == '1' }.amount",
                        equalTo("901.39"));
    }
}
