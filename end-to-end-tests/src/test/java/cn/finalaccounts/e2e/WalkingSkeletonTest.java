package cn.finalaccounts.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services as separate processes on one real broker and one database: the demo tree and the
 * seed unit's report go into accounts-service, are submitted and approved, travel through the outbox and Kafka,
 * and come out of aggregation-service as the department's and the region's approved 汇总. Every call carries a
 * real token of the local Keycloak of the person whose job it is: the tree by an admin of the region, reports by
 * the units' filler, decisions by the department's reviewer, reads by a reader of the region.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final Path DEMO = ROOT.resolve("deploy/demo");

    private static ServiceProcess accounts;
    private static ServiceProcess performance;
    private static ServiceProcess aggregation;

    private static Identities people;
    /** At the root 431200: builds the tree under it. */
    private static Identity admin;
    /** The platform's operator: registers the root and checks consistency (a rebuild's calls use the platform client). */
    private static Identity operator;
    private static Identity reader;
    /** Files for both units of the department (the seed unit and, in the second test, HH-RSJ-JY). */
    private static Identity filler;
    private static Identity reviewer;

    @BeforeAll
    static void startPlatform() throws Exception {
        people = new Identities("walking");
        admin = people.admin("431200");
        operator = people.operator();
        reader = people.reader("431200");
        filler = people.filler("HH-RSJ");
        reviewer = people.reviewer("HH-RSJ");
        EmptyTopics.recreate();
        String kafka = KafkaTestBroker.bootstrapServers();
        accounts = ServiceProcess.start(ROOT, "accounts-service", "accounts", kafka);
        // A rebuild asks the services that own the data to re-publish it: the topics are not the source of truth.
        performance = ServiceProcess.start(ROOT, "performance-service", "performance", kafka,
                Map.of("FA_REBUILD_SOURCES", accounts.baseUrl()));
        aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka,
                Map.of("FA_REBUILD_SOURCES", accounts.baseUrl() + "," + performance.baseUrl(),
                        "FA_SOURCES_ACCOUNTS", accounts.baseUrl()));
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
    @Order(1)
    void theSeedUnitsFiguresArriveInTheDepartmentsAndTheRegionsSummary() throws Exception {
        List<Map<String, String>> tree = JsonPath.from(DEMO.resolve("org-tree.json").toFile()).getList("$");
        for (Map<String, String> node : tree) {
            (node.get("parent") == null ? operator : admin).given().baseUri(accounts.baseUrl())
                    .contentType(ContentType.JSON).body(node).put("/api/v1/units/" + node.get("code"))
                    .then().statusCode(201);
        }
        filler.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json")))
                .put("/api/v1/units/HH-RSJ-YLGS/reports/2023")
                .then().statusCode(201).body("state", equalTo("draft")).body("findingCounts.errors", equalTo(7));
        // The unit submits with a waiver for each error finding of the published tables; a reviewer approves.
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        filler.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post("/api/v1/units/HH-RSJ-YLGS/reports/2023/submit")
                .then().statusCode(200).body("state", equalTo("submitted")).body("version", equalTo(1));
        reviewer.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post("/api/v1/units/HH-RSJ-YLGS/reports/2023/approve")
                .then().statusCode(200).body("state", equalTo("approved"));

        for (String node : new String[] {"HH-RSJ", "431200"}) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
                            .then().statusCode(200).body("freshness.unitsIn", equalTo(1)));
            JsonPath summary = reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
                    .then().statusCode(200).extract().jsonPath();

            assertEquals("万元", summary.getString("amountUnit"));
            assertEquals("901.23", cell01(summary, "general_budget_appropriation", "1"));
            assertEquals("0.16", cell01(summary, "other_income", "1"));
            assertEquals("901.39", cell01(summary, "income_total", "1"));
            assertEquals("875.52", cell01(summary, "208", "2"));
            assertEquals("25.71", cell01(summary, "210", "2"));
            assertEquals("0.16", cell01(summary, "229", "2"));
            assertEquals("901.39", cell01(summary, "expense_total", "2"));
            assertEquals("901.39", cell01(summary, "income_grand_total", "1"));
            assertEquals("901.39", cell01(summary, "expense_grand_total", "2"));
            assertEquals("approved", summary.getString("view"));
            assertEquals(0, summary.getInt("freshness.unitsMissing"));
            reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023/units").then()
                    .body("in.unit", contains("HH-RSJ-YLGS")).body("in[0].version", equalTo(1));
        }

        // performance-service followed the same tree from the same broker.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                reader.given().baseUri(performance.baseUrl()).get("/api/v1/units/HH-RSJ-YLGS")
                        .then().statusCode(200).body("parent", equalTo("HH-RSJ")).body("unitType", equalTo("参公")));
    }

    /**
     * A second unit under HH-RSJ files the same published figures: the department's 汇总 is the cell-wise sum of
     * both and the lineage of a cell names both. Its correction after approval (returned, 09表 预算数 合计 fixed,
     * resubmitted, approved) replaces its contribution instead of adding to it.
     */
    @Test
    @Order(2)
    void aSecondUnitsReportAddsUpAndItsCorrectionReplacesItsContribution() throws Exception {
        admin.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市就业服务中心", "kind", "unit", "parent", "HH-RSJ", "unitType", "事业"))
                .put("/api/v1/units/HH-RSJ-JY").then().statusCode(201);
        String seed = Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))
                .replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"HH-RSJ-JY\"");
        String report = accounts.baseUrl() + "/api/v1/units/HH-RSJ-JY/reports/2023";
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        filler.given().contentType(ContentType.JSON).body(seed).put(report).then().statusCode(201);
        filler.given().contentType(ContentType.JSON).body(flow.getMap("submit")).post(report + "/submit").then()
                .statusCode(200);
        reviewer.given().contentType(ContentType.JSON).body(flow.getMap("approve")).post(report + "/approve").then()
                .statusCode(200);

        JsonPath both = awaitSummary("HH-RSJ", "approved", 2, "income_total", "1802.78");
        assertEquals("1802.46", cell(both, "01", "general_budget_appropriation", "1"));
        assertEquals("1751.04", cell(both, "01", "208", "2"));
        assertEquals("1031.66", cell(both, "05", "2080109", "2"));
        assertEquals("16.06", cell(both, "09", "sangong", "1"));
        JsonPath lineage = reader.given().baseUri(aggregation.baseUrl())
                .get("/api/v1/summaries/HH-RSJ/2023/cells/09/sangong/1/lineage").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("HH-RSJ-JY", "HH-RSJ-YLGS"), lineage.getList("units.unit"));
        assertEquals("16.06", lineage.getString("unitsTotal"));

        // A correction after approval: the reviewer returns HH-RSJ-JY's version 1, the unit fixes 09表 预算数 合计
        // and resubmits; version 2, once approved, replaces version 1 in the official 汇总 (8.03 + 1.20, never
        // 8.03 + 8.03 + 1.20), and until then the approved figures of version 1 keep counting.
        reviewer.given().contentType(ContentType.JSON).body(Map.of("by", "李审核", "reason", "09表预算数合计请更正为1.20"))
                .post(report + "/return").then().statusCode(200).body("state", equalTo("returned"));
        filler.given().contentType(ContentType.JSON).body(seed.replace(
                "{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"8.03\"}",
                "{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"1.20\"}")).put(report).then().statusCode(200);
        Map<String, Object> waivers = new java.util.HashMap<>(flow.getMap("submit"));
        waivers.put("waivers", ((List<?>) waivers.get("waivers")).stream()
                .filter(w -> !"A19".equals(((Map<?, ?>) w).get("rule"))).toList());
        filler.given().contentType(ContentType.JSON).body(waivers).post(report + "/submit").then().statusCode(200)
                .body("version", equalTo(2));
        awaitSummary("HH-RSJ", "submitted", 2, "09-sangong-1", "9.23");
        assertEquals("16.06", cell(awaitSummary("HH-RSJ", "approved", 2, "income_total", "1802.78"), "09", "sangong", "1"));
        reviewer.given().contentType(ContentType.JSON).body(flow.getMap("approve")).post(report + "/approve").then()
                .statusCode(200);
        JsonPath official = awaitSummary("HH-RSJ", "approved", 2, "09-sangong-1", "9.23");
        assertEquals("1802.78", cell(official, "01", "income_total", "1"));
        reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023/cells/09/sangong/1/lineage")
                .then().body("units.find { it.unit == 'HH-RSJ-JY' }.version", equalTo(2))
                .body("units.find { it.unit == 'HH-RSJ-JY' }.amount", equalTo("1.20"));
        admin.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consistency").then().statusCode(403);
        operator.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consistency").then().statusCode(200)
                .body("consistent", equalTo(true));
    }

    /**
     * The topics are deleted and created again, empty (a broker replaced, a cluster rebuilt): aggregation-service's
     * stored offsets now lie beyond their end. It notices, rebuilds by itself from the state accounts-service and
     * performance-service re-publish, and every 汇总 comes back identical, the corrected unit's approved version 2
     * and the approved view's history included. Meanwhile reads say a rebuild is under way, never 404.
     */
    @Test
    @Order(3)
    void afterTheTopicsAreRecreatedTheSummariesAreRebuiltFromTheServicesOwnState() throws Exception {
        Map<String, Object> before = new java.util.HashMap<>();
        for (String node : List.of("HH-RSJ", "431200", "HH-RSJ-JY", "HH-RSJ-YLGS")) {
            for (String view : List.of("approved", "submitted")) {
                before.put(node + "/" + view, reader.given().baseUri(aggregation.baseUrl())
                        .get("/api/v1/summaries/" + node + "/2023?view=" + view).then().statusCode(200)
                        .extract().jsonPath().get("tables"));
            }
        }
        List<String> sourceTopics = List.of(Topics.ORG_NODES, Topics.UNIT_REPORTS, Topics.PERFORMANCE_PROJECTS,
                Topics.PERFORMANCE_FUNDS);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            admin.deleteTopics(sourceTopics).all().get(30, TimeUnit.SECONDS);
            // The running services create a topic they find missing themselves (as after a broker replaced by an
            // empty one): create only those that none of them created first.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                Set<String> now = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = sourceTopics.stream().filter(t -> !now.contains(t))
                        .map(t -> new NewTopic(t, Topics.DEFAULT_PARTITIONS, (short) 1)).toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                }
                return true;
            });
        }

        Set<Integer> readStatuses = ConcurrentHashMap.newKeySet();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            readStatuses.add(reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023")
                    .statusCode());
            reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/rebuild").then().statusCode(200)
                    .body("phase", equalTo("COMPLETED"))
                    .body("reason", containsString("beyond the end"));
        });
        readStatuses.removeAll(Set.of(200, 503));
        assertEquals(Set.of(), readStatuses, "a read of the department's 汇总 answered neither 200 nor 503");
        for (String node : List.of("HH-RSJ", "431200", "HH-RSJ-JY", "HH-RSJ-YLGS")) {
            for (String view : List.of("approved", "submitted")) {
                assertEquals(before.get(node + "/" + view), reader.given().baseUri(aggregation.baseUrl())
                        .get("/api/v1/summaries/" + node + "/2023?view=" + view).then().statusCode(200)
                        .extract().jsonPath().get("tables"), node + "/" + view);
            }
        }
        assertEquals("9.23", cell(awaitSummary("HH-RSJ", "approved", 2, "09-sangong-1", "9.23"), "09", "sangong", "1"));
        reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consumer").then()
                .body("state", equalTo("RUNNING")).body("misplacedOffsets.size()", equalTo(0));
        given().baseUri(aggregation.baseUrl()).get("/q/health/ready").then().statusCode(200);
    }

    /**
     * The check against the sources recounts every 汇总 from accounts-service's own counted versions. In the normal
     * flow it agrees. A record accounts-service never wrote but that was counted (signed with its key, as if the key had
     * leaked) passes the check against the service itself, and not this one, which names the unit and the cells; so
     * does an event lost (its contribution removed from aggregation-service's database).
     */
    @Test
    @Order(4)
    void theCheckAgainstTheSourcesShowsAForgedAndALostEvent() throws Exception {
        String sources = "/api/v1/admin/consistency/sources";
        operator.given().baseUri(aggregation.baseUrl()).get(sources).then().statusCode(200)
                .body("consistent", equalTo(true)).body("unitsCompared", equalTo(2))
                .body("versionDiscrepancies", empty()).body("discrepancies", empty());

        try (EventProducer events = new EventProducer()) {
            events.report(EventProducer.seedReport("HH-RSJ-YLGS",
                    "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"0.16\"}",
                    "{\"row\": \"other_income\", \"col\": \"1\", \"amount\": \"100.16\"}"), 7);
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> assertEquals(
                "100.32", cell01(reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023")
                        .then().statusCode(200).extract().jsonPath(), "other_income", "1")));
        operator.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consistency").then().statusCode(200)
                .body("consistent", equalTo(true));
        JsonPath forged = operator.given().baseUri(aggregation.baseUrl()).get(sources).then().statusCode(200)
                .body("consistent", equalTo(false)).extract().jsonPath();
        assertEquals(List.of(Map.of("unit", "HH-RSJ-YLGS", "year", 2023, "view", "approved", "kept", 7, "source", 1),
                        Map.of("unit", "HH-RSJ-YLGS", "year", 2023, "view", "submitted", "kept", 7, "source", 1)),
                forged.getList("versionDiscrepancies.sort { it.view }"));
        assertEquals(List.of("100.32", "0.32"), List.of(
                forged.getString("discrepancies.find { it.node == 'HH-RSJ' && it.view == 'approved'"
                        + " && it.row == 'other_income' && it.col == '1' }.kept"),
                forged.getString("discrepancies.find { it.node == 'HH-RSJ' && it.view == 'approved'"
                        + " && it.row == 'other_income' && it.col == '1' }.recomputed")));
        assertEquals("100.16", forged.getString("discrepancies.find { it.node == 'HH-RSJ-YLGS' && it.view == 'approved'"
                + " && it.row == 'other_income' && it.col == '1' }.kept"));

        // An event lost: HH-RSJ-JY's contributions are gone from aggregation-service as if its events never came.
        try (Connection c = DriverManager.getConnection("jdbc:mysql://"
                        + System.getenv().getOrDefault("FA_DB_HOST", "127.0.0.1") + ":"
                        + System.getenv().getOrDefault("FA_DB_PORT", "3306") + "/aggregation_test", "aggregation",
                "aggregation"); Statement st = c.createStatement()) {
            assertEquals(2, st.executeUpdate("DELETE FROM unit_contribution WHERE unit_code = 'HH-RSJ-JY'"));
        }
        JsonPath lost = operator.given().baseUri(aggregation.baseUrl()).get(sources).then().statusCode(200)
                .body("consistent", equalTo(false)).extract().jsonPath();
        List<Map<String, Object>> jy = lost.getList("versionDiscrepancies.findAll { it.unit == 'HH-RSJ-JY' }"
                + ".sort { it.view }");
        assertEquals(2, jy.size());
        assertEquals("approved", jy.get(0).get("view"));
        assertEquals(null, jy.get(0).get("kept"));
        assertEquals(2, jy.get(0).get("source"));
        assertEquals("submitted", jy.get(1).get("view"));
        assertEquals(null, jy.get(1).get("kept"));
        assertEquals(2, jy.get(1).get("source"));
        // Without the right to operate, no answer.
        reader.given().baseUri(aggregation.baseUrl()).get(sources).then().statusCode(403);
        reader.given().baseUri(accounts.baseUrl()).get("/api/v1/admin/counted-versions").then().statusCode(403);
    }

    /** Waits until the node's 汇总 in a view counts the given units and a cell ("table-row-col" or a 01 row) shows. */
    private static JsonPath awaitSummary(String node, String view, int units, String cell, String amount) {
        String[] c = cell.contains("-") ? cell.split("-") : new String[] {"01", cell, "1"};
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath s = reader.given().baseUri(aggregation.baseUrl())
                    .get("/api/v1/summaries/" + node + "/2023?view=" + view)
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(units, s.getInt("freshness.unitsIn"));
            assertEquals(amount, cell(s, c[0], c[1], c[2]));
        });
        return reader.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023?view=" + view)
                .then().extract().jsonPath();
    }

    private static String cell(JsonPath summary, String table, String row, String col) {
        return summary.getString("tables.find { it.table == '" + table + "' }.cells.find { it.row == '" + row
                + "' && it.col == '" + col + "' }.amount");
    }

    private static String cell01(JsonPath summary, String row, String col) {
        return summary.getString("tables.find { it.table == '01' }.cells.find { it.row == '" + row + "' && it.col == '"
                + col + "' }.amount");
    }
}
