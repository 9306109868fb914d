package cn.finalaccounts.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A rebuild is one run for all instances of a consuming service. Two aggregation-service instances share the
 * partitions; the operator asks the first for a rebuild, and the second gates its reads too (503, Retry-After)
 * while the run is unfinished; asked too, it answers with the run under way. The first, holding the run, is killed (-9) while it asks a source service that never
 * answers; the second takes the run over once the holder's lease lapsed, runs it to the end alone, owns every
 * partition, and serves the same figures the two computed before. A third instance, after a rebuild the second ran,
 * answers 503 or the whole figures, never part of them.
 */
class SharedRebuildTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final String ROOT_NODE = "SR-P";
    private static final int UNITS = 20;

    @Test
    void aRebuildWhoseHolderIsKilledIsFinishedByTheOtherInstance() throws Exception {
        try (Identities people = new Identities("shared-rebuild")) {
            run(people.reader(ROOT_NODE), people.operator());
        }
    }

    private void run(Identity reader, Identity operator) throws Exception {
        String kafka = KafkaTestBroker.bootstrapServers();
        // The first instance's rebuild asks a source that never answers (a port nobody listens on): it is still
        // asking when it is killed. The second replays the topics alone, as the other tests' instances do.
        Map<String, String> shortLease = Map.of("FA_REBUILD_LEASE", "PT3S");
        Map<String, String> firstEnv = new HashMap<>(shortLease);
        firstEnv.put("FA_REBUILD_SOURCES", "http://127.0.0.1:" + closedPort());
        ServiceProcess first = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka, firstEnv);
        ServiceProcess second = null;
        try {
            first.awaitReady();
            second = ServiceProcess.startAnother(ROOT, "aggregation-service", "aggregation", kafka, shortLease);
            second.awaitReady();
            ServiceProcess other = second;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> other(reader, other)
                    .get("/api/v1/admin/consumer").then().body("group.members", hasSize(4)));

            publish();
            for (ServiceProcess s : List.of(first, second)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        other(reader, s).get("/api/v1/admin/consumer").then().body("group.pendingEvents", equalTo(0)));
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> other(reader, other)
                    .get("/api/v1/summaries/SR-D1/2023").then().statusCode(200).body("freshness.unitsIn", equalTo(10)));
            Map<String, Object> before = summaries(other, reader);
            assertEquals("200.00", otherIncome(before, "SR-P"), "Σ over 20 units of their last version, 10.00 each");

            long run = operator.given().baseUri(first.baseUrl()).post("/api/v1/admin/rebuild").then().statusCode(202)
                    .extract().jsonPath().getLong("id");
            // Asked of the other instance meanwhile, the rebuild under way is the answer: one run, not two.
            operator.given().baseUri(other.baseUrl()).post("/api/v1/admin/rebuild").then().statusCode(202)
                    .body("id", equalTo((int) run));
            // The second instance did not start it, and gates its reads all the same.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> other(reader, other)
                    .get("/api/v1/summaries/SR-P/2023").then().statusCode(503).header("Retry-After", equalTo("5"))
                    .body("type", equalTo("urn:final-accounts:problem:rebuild-under-way")));
            String firstHolder = other(reader, other).get("/api/v1/admin/rebuild").then().statusCode(200)
                    .body("id", equalTo((int) run)).body("phase", equalTo("ASKING_SOURCES"))
                    .extract().jsonPath().getString("holder");

            first.kill();
            first = null;
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                    other(reader, other).get("/api/v1/admin/rebuild").then().statusCode(200)
                            .body("id", equalTo((int) run)).body("phase", equalTo("COMPLETED")));
            String finisher = other(reader, other).get("/api/v1/admin/rebuild").then().extract().jsonPath()
                    .getString("holder");
            assertNotEquals(firstHolder, finisher, "the run was finished by the instance that took it over");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> other(reader, other)
                    .get("/api/v1/admin/consumer").then().body("ownedPartitions", equalTo(24))
                    .body("group.members", hasSize(2)).body("group.pendingEvents", equalTo(0)));
            assertEquals(before, summaries(other, reader));

            // A rebuild another instance ran: right after it completed, an instance that did not run it answers
            // 503 until its memory has the rebuild's last batches, then the whole figures — never part of them.
            ServiceProcess third = ServiceProcess.startAnother(ROOT, "aggregation-service", "aggregation", kafka, shortLease);
            first = third;
            third.awaitReady();
            operator.given().baseUri(other.baseUrl()).post("/api/v1/admin/rebuild").then().statusCode(202);
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    other(reader, other).get("/api/v1/admin/rebuild").then().body("phase", equalTo("COMPLETED")));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> other(reader, third)
                    .get("/api/v1/summaries/SR-P/2023").statusCode() == 200);
            assertEquals(before, summaries(third, reader));
        } finally {
            if (second != null) {
                second.close();
            }
            if (first != null) {
                first.close();
            }
        }
    }

    /** A tree of one province, two departments and 20 units; every unit's report in three versions, the last counted. */
    private static void publish() {
        try (EventProducer events = new EventProducer()) {
            events.node(ROOT_NODE, "湖南省", NodeKind.REGION, null, 1);
            for (int d = 0; d < 2; d++) {
                events.node("SR-D" + d, "部门" + d, NodeKind.DEPARTMENT, ROOT_NODE, 1);
            }
            for (int u = 0; u < UNITS; u++) {
                events.node(unit(u), "单位" + u, NodeKind.UNIT, "SR-D" + (u % 2), 1);
            }
            for (int version = 1; version <= 3; version++) {
                for (int u = 0; u < UNITS; u++) {
                    String amount = version == 3 ? "10.00" : version + ".50";
                    events.report(EventProducer.seedReport(unit(u),
                            "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"0.16\"}",
                            "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"" + amount + "\"}"), version,
                            "approved");
                }
            }
        }
    }

    private static io.restassured.specification.RequestSpecification other(Identity reader, ServiceProcess s) {
        return reader.given().baseUri(s.baseUrl());
    }

    private static String unit(int u) {
        return "SR-U" + u;
    }

    @SuppressWarnings("unchecked")
    private static String otherIncome(Map<String, Object> summaries, String node) {
        List<Map<String, Object>> tables = (List<Map<String, Object>>) summaries.get(node + "/approved");
        for (Map<String, Object> table : tables) {
            if ("01".equals(table.get("table"))) {
                for (Map<String, Object> cell : (List<Map<String, Object>>) table.get("cells")) {
                    if ("other_income".equals(cell.get("row"))) {
                        return (String) cell.get("amount");
                    }
                }
            }
        }
        return null;
    }

    /** Every node's approved and submitted 汇总 tables. */
    private static Map<String, Object> summaries(ServiceProcess s, Identity reader) {
        List<String> nodes = new ArrayList<>(List.of(ROOT_NODE, "SR-D0", "SR-D1"));
        for (int u = 0; u < UNITS; u++) {
            nodes.add(unit(u));
        }
        Map<String, Object> out = new HashMap<>();
        for (String node : nodes) {
            for (String view : List.of("approved", "submitted")) {
                out.put(node + "/" + view, reader.given().baseUri(s.baseUrl())
                        .get("/api/v1/summaries/" + node + "/2023?view=" + view).then().statusCode(200).extract()
                        .jsonPath().get("tables"));
            }
        }
        return out;
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
