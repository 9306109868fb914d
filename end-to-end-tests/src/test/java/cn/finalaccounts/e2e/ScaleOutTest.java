package cn.finalaccounts.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Two aggregation-service instances in one consumer group share the partitions over the same events — reports,
 * corrections and moves of units and of a department — and the figures of every node equal what a single
 * instance computes from the same topics (a rebuild after the second instance is stopped). Both regions sit under
 * one province, SO-P, the root where the test's reader belongs; the consistency check and the rebuild are the
 * operator's (real Keycloak tokens).
 */
class ScaleOutTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final int DEPARTMENTS = 4;
    private static final int UNITS = 40;
    private static final String ROOT_NODE = "SO-P";

    @Test
    void twoInstancesComputeWhatOneComputes() throws Exception {
        try (Identities people = new Identities("scale")) {
            run(people.reader(ROOT_NODE), people.operator());
        }
    }

    private void run(Identity reader, Identity operator) throws Exception {
        String kafka = KafkaTestBroker.bootstrapServers();
        ServiceProcess a = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka);
        ServiceProcess b = null;
        try {
            a.awaitReady();
            b = ServiceProcess.startAnother(ROOT, "aggregation-service", "aggregation", kafka);
            b.awaitReady();
            ServiceProcess second = b;
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                int owned = owned(a, reader) + owned(second, reader);
                assertEquals(24, owned, "the 4 topics' 24 partitions are shared, each owned once");
                assertTrue(owned(a, reader) > 0 && owned(second, reader) > 0, "both instances own partitions");
            });

            int[] lastVersion = new int[UNITS];
            try (EventProducer events = new EventProducer()) {
                events.node(ROOT_NODE, "湖南省", NodeKind.REGION, null, 1);
                events.node("SO-R1", "怀化市", NodeKind.REGION, ROOT_NODE, 1);
                events.node("SO-R2", "另一市", NodeKind.REGION, ROOT_NODE, 1);
                for (int d = 0; d < DEPARTMENTS; d++) {
                    events.node("SO-D" + d, "部门" + d, NodeKind.DEPARTMENT, "SO-R1", 1);
                }
                for (int u = 0; u < UNITS; u++) {
                    events.node(unit(u), "单位" + u, NodeKind.UNIT, "SO-D" + (u % DEPARTMENTS), 1);
                }
                for (int round = 0; round < 5; round++) {
                    for (int u = 0; u < UNITS; u++) {
                        int version = ++lastVersion[u];
                        events.report(EventProducer.seedReport(unit(u), "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"0.16\"}",
                                "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"" + version + ".00\"}"), version, "approved");
                    }
                    if (round == 2) {
                        // Moves while reports flow: every tenth unit to the next department, a department to the other region.
                        for (int u = 0; u < UNITS; u += 10) {
                            events.node(unit(u), "单位" + u, NodeKind.UNIT, "SO-D" + ((u + 1) % DEPARTMENTS), 2);
                        }
                        events.node("SO-D3", "部门3", NodeKind.DEPARTMENT, "SO-R2", 2);
                    }
                }
            }

            for (ServiceProcess s : List.of(a, second)) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).untilAsserted(() ->
                        reader.given().baseUri(s.baseUrl()).get("/api/v1/admin/consumer").then()
                                .body("pendingEvents", equalTo(0)));
            }
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> reader.given().baseUri(a.baseUrl())
                    .get("/api/v1/summaries/SO-R1/2023").then().body("freshness.unitsIn", equalTo(28)));
            operator.given().baseUri(a.baseUrl()).get("/api/v1/admin/consistency").then().statusCode(200)
                    .body("consistent", equalTo(true)).body("discrepancies", empty());
            BigDecimal all = BigDecimal.ZERO;
            for (int v : lastVersion) {
                all = all.add(BigDecimal.valueOf(v));
            }
            BigDecimal r1 = new BigDecimal(otherIncome(a, reader, "SO-R1"));
            BigDecimal r2 = new BigDecimal(otherIncome(a, reader, "SO-R2"));
            assertEquals(all.setScale(2), r1.add(r2));
            // SO-R2 holds department SO-D3: its 10 units and SO-U10, SO-U30 moved into it, each at version 5.
            assertEquals(new BigDecimal("60.00"), r2);
            Map<String, Object> twoInstances = summaries(a, reader);

            // One instance alone, from the same topics.
            second.close();
            b = null;
            operator.given().baseUri(a.baseUrl()).post("/api/v1/admin/rebuild").then().statusCode(202);
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
                reader.given().baseUri(a.baseUrl()).get("/api/v1/admin/rebuild").then().body("phase", equalTo("COMPLETED"));
                reader.given().baseUri(a.baseUrl()).get("/api/v1/admin/consumer").then()
                        .body("pendingEvents", equalTo(0)).body("ownedPartitions", equalTo(24));
                assertEquals(twoInstances, summaries(a, reader));
            });
        } finally {
            if (b != null) {
                b.close();
            }
            a.close();
        }
    }

    private static int owned(ServiceProcess s, Identity reader) {
        return reader.given().baseUri(s.baseUrl()).get("/api/v1/admin/consumer").then().extract().jsonPath().getInt("ownedPartitions");
    }

    private static String unit(int u) {
        return "SO-U" + u;
    }

    private static String otherIncome(ServiceProcess s, Identity reader, String node) {
        return reader.given().baseUri(s.baseUrl()).get("/api/v1/summaries/" + node + "/2023").then().extract().jsonPath()
                .getString("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount");
    }

    /** Every node's approved and submitted 汇总 tables. */
    private static Map<String, Object> summaries(ServiceProcess s, Identity reader) {
        List<String> nodes = new ArrayList<>(List.of(ROOT_NODE, "SO-R1", "SO-R2"));
        for (int d = 0; d < DEPARTMENTS; d++) {
            nodes.add("SO-D" + d);
        }
        for (int u = 0; u < UNITS; u++) {
            nodes.add(unit(u));
        }
        Map<String, Object> out = new HashMap<>();
        for (String node : nodes) {
            for (String view : List.of("approved", "submitted")) {
                out.put(node + "/" + view, reader.given().baseUri(s.baseUrl()).get("/api/v1/summaries/" + node + "/2023?view=" + view)
                        .then().statusCode(200).extract().jsonPath().get("tables"));
            }
        }
        return out;
    }
}
