package cn.finalaccounts.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The broker is replaced under the three running services by an empty one on the same address (stopped, its data
 * removed, started again): no topic, no record. Without a restart of any service, the topics are created again, the
 * stored offsets that no longer fit are noticed, and aggregation-service rebuilds from the state accounts-service
 * re-publishes: every 汇总 comes back equal to the sum of the approved reports, and every readiness comes back UP.
 */
class BrokerReplacedTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final Path DEMO = ROOT.resolve("deploy/demo");
    private static final List<String> NODES = List.of("431200", "HH-RSJ", "HH-RSJ-YLGS", "HH-RSJ-JY");

    private static ServiceProcess accounts;
    private static ServiceProcess performance;
    private static ServiceProcess aggregation;
    private static Identities people;
    private static Identity admin;
    private static Identity reader;
    /** Registers the root and checks consistency: both are the platform operator's. */
    private static Identity operator;
    private static Identity filler;
    private static Identity reviewer;

    @BeforeAll
    static void startPlatform() throws Exception {
        people = new Identities("replaced");
        admin = people.admin("431200");
        operator = people.operator();
        reader = people.reader("431200");
        filler = people.filler("HH-RSJ");
        reviewer = people.reviewer("HH-RSJ");
        EmptyTopics.recreate();
        String kafka = KafkaTestBroker.bootstrapServers();
        accounts = ServiceProcess.start(ROOT, "accounts-service", "accounts", kafka);
        performance = ServiceProcess.start(ROOT, "performance-service", "performance", kafka,
                Map.of("FA_REBUILD_SOURCES", accounts.baseUrl()));
        aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka,
                Map.of("FA_REBUILD_SOURCES", accounts.baseUrl() + "," + performance.baseUrl()));
        for (ServiceProcess s : List.of(accounts, performance, aggregation)) {
            s.awaitReady();
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess s : new ServiceProcess[] {aggregation, performance, accounts}) {
            if (s != null) {
                s.close();
            }
        }
        if (people != null) {
            people.close();
        }
    }

    @Test
    void aBrokerReplacedByAnEmptyOneIsHealedWithoutARestart() throws Exception {
        List<Map<String, String>> tree = JsonPath.from(DEMO.resolve("org-tree.json").toFile()).getList("$");
        for (Map<String, String> node : tree) {
            (node.get("parent") == null ? operator : admin).given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(node)
                    .put("/api/v1/units/" + node.get("code")).then().statusCode(201);
        }
        admin.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市就业服务中心", "kind", "unit", "parent", "HH-RSJ", "unitType", "事业"))
                .put("/api/v1/units/HH-RSJ-JY").then().statusCode(201);
        String seed = Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"));
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        // Two units, each approved with the seed's published figures: every 汇总 above them is twice the seed.
        approve("HH-RSJ-YLGS", seed, flow);
        approve("HH-RSJ-JY", seed.replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"HH-RSJ-JY\""), flow);

        for (String node : List.of("HH-RSJ", "431200")) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
                            .then().statusCode(200).body("freshness.unitsIn", equalTo(2)));
        }
        Map<String, Object> before = tables();
        assertSums();
        long rebuildsBefore = reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/rebuild").statusCode() == 200
                ? reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/rebuild").jsonPath().getLong("id") : 0;

        KafkaTestBroker.replaceWithEmptyBroker();

        Set<Integer> readStatuses = ConcurrentHashMap.newKeySet();
        try {
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                readStatuses.add(reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023")
                        .statusCode());
                JsonPath rebuild = reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/rebuild").then()
                        .statusCode(200).extract().jsonPath();
                assertEquals(true, rebuild.getLong("id") > rebuildsBefore, "a rebuild after the broker was replaced");
                assertEquals("COMPLETED", rebuild.getString("phase"));
                for (ServiceProcess s : List.of(accounts, performance, aggregation)) {
                    given().baseUri(s.baseUrl()).get("/q/health/ready").then().statusCode(200);
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("not healed: aggregation's loop " + reader.given().baseUri(aggregation.baseUrl())
                    .get("/api/v1/admin/consumer").asString() + "; its rebuild " + reader.given()
                    .baseUri(aggregation.baseUrl()).get("/api/v1/admin/rebuild").asString() + "; its readiness "
                    + given().baseUri(aggregation.baseUrl()).get("/q/health/ready").asString(), e);
        }
        readStatuses.removeAll(Set.of(200, 503));
        assertEquals(Set.of(), readStatuses, "a read of the department's 汇总 answered neither 200 nor 503");
        assertEquals(before, tables());
        assertSums();
        operator.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consistency").then().statusCode(200)
                .body("consistent", equalTo(true));
        reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consumer").then()
                .body("state", equalTo("RUNNING")).body("misplacedOffsets.size()", equalTo(0));

        // And the new broker carries what is written after it: a unit registered now reaches both consumers.
        admin.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市社会保险服务中心", "kind", "unit", "parent", "HH-RSJ", "unitType", "事业"))
                .put("/api/v1/units/HH-RSJ-SB").then().statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            reader.given().baseUri(performance.baseUrl()).get("/api/v1/units/HH-RSJ-SB").then().statusCode(200)
                    .body("parent", equalTo("HH-RSJ"));
            reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023").then().statusCode(200)
                    .body("freshness.unitsIn", equalTo(2)).body("freshness.unitsMissing", equalTo(1));
        });
    }

    private static void approve(String unit, String report, JsonPath flow) {
        String base = accounts.baseUrl() + "/api/v1/units/" + unit + "/reports/2023";
        filler.given().contentType(ContentType.JSON).body(report).put(base).then().statusCode(201);
        filler.given().contentType(ContentType.JSON).body(flow.getMap("submit")).post(base + "/submit").then()
                .statusCode(200);
        reviewer.given().contentType(ContentType.JSON).body(flow.getMap("approve")).post(base + "/approve").then()
                .statusCode(200).body("state", equalTo("approved"));
    }

    /** The department's and the region's approved 汇总 are the two approved reports added up, to the cent. */
    private static void assertSums() {
        for (String node : List.of("HH-RSJ", "431200")) {
            JsonPath s = reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(2, s.getInt("freshness.unitsIn"), node);
            assertEquals("1802.46", cell(s, "01", "general_budget_appropriation", "1"), node);
            assertEquals("0.32", cell(s, "01", "other_income", "1"), node);
            assertEquals("1802.78", cell(s, "01", "income_total", "1"), node);
            assertEquals("1751.04", cell(s, "01", "208", "2"), node);
            assertEquals("1031.66", cell(s, "05", "2080109", "2"), node);
            assertEquals("16.06", cell(s, "09", "sangong", "1"), node);
        }
        for (String unit : List.of("HH-RSJ-YLGS", "HH-RSJ-JY")) {
            JsonPath s = reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + unit + "/2023")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals("901.39", cell(s, "01", "income_total", "1"), unit);
        }
    }

    private static Map<String, Object> tables() {
        Map<String, Object> all = new HashMap<>();
        for (String node : NODES) {
            for (String view : List.of("approved", "submitted")) {
                all.put(node + "/" + view, reader.given().baseUri(aggregation.baseUrl())
                        .get("/api/v1/summaries/" + node + "/2023?view=" + view).then().statusCode(200)
                        .extract().jsonPath().get("tables"));
            }
        }
        return all;
    }

    private static String cell(JsonPath summary, String table, String row, String col) {
        return summary.getString("tables.find { it.table == '" + table + "' }.cells.find { it.row == '" + row
                + "' && it.col == '" + col + "' }.amount");
    }
}
