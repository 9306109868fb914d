package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.FuzzRun;
import cn.finalaccounts.testsupport.FuzzRun.Hostile;
import cn.finalaccounts.testsupport.HostileRequests;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20 against aggregation-service, which only reads: a Content-Type that was no media type answered 500 on the
 * 汇总's path (JSON and workbook share it, and content negotiation parsed the header). Now 400 naming the header;
 * and 600 hostile Content-Type and Accept headers on its reads all answer a 4xx problem+json.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class HostileHeaderFuzzTest {
    @TestHTTPResource("/")
    URI base;

    @Test
    void aHeaderThatIsNoMediaTypeIsA4xxOnEveryReadNeverA500() throws Exception {
        try (EventProducer events = new EventProducer()) {
            events.tree("HF-R", "HF-D", "HF-U");
            events.report(EventProducer.seedReport("HF-U"), 1);
        }
        String summary = "/api/v1/summaries/HF-D/2023";
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> As.readerOf("HF-D").get(summary).then().statusCode(200));
        String token = Person.reader("HF-R").token();

        // The reproduction: each of these answered 500.
        List<Hostile> reproductions = List.of(";;;", "x", "application/json; charset=").stream()
                .flatMap(type -> List.of(summary, summary + "?format=xlsx").stream().map(path -> new Hostile(
                        "summary GET", "Content-Type " + type, "GET", path, List.of("Content-Type", type), null, false)))
                .toList();
        FuzzRun first = FuzzRun.sendRequests(base, reproductions, token);
        assertEquals(java.util.Map.of(400, reproductions.size()), first.byStatus(), String.join("\n", first.wrong()));
        assertTrue(first.wrong().isEmpty(), String.join("\n", first.wrong()));

        long seed = Long.getLong("fa.fuzz.seed", 20231231L);
        List<Hostile> reads = HostileRequests.draw(HostileRequests.readHeaders(List.of(summary,
                summary + "?view=submitted", summary + "/findings", summary + "/narrative", summary + "?mode=consolidated",
                "/api/v1/summaries/HF-R/2023/performance", "/api/v1/summaries/HF-R/2023/funds",
                summary + "/cells/01/income_total/1/lineage")), Integer.getInteger("fa.fuzz.count", 600), seed);
        FuzzRun run = FuzzRun.sendRequests(base, reads, token);
        System.out.println(run.summary("aggregation-service reads", seed));
        assertTrue(run.wrong().isEmpty(), String.join("\n", run.wrong()));
        assertEquals(reads.size(), run.byStatus().values().stream().mapToInt(Integer::intValue).sum());
        FuzzRun.tally(getClass().getName(), reproductions.size() + reads.size());
    }
}
