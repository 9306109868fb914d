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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The three packaged services as separate processes on one real broker and one database: the demo tree and the
 * seed unit's report go into accounts-service, are submitted and approved, travel through the outbox and Kafka,
 * and come out of aggregation-service as the department's and the region's approved 汇总.
 */
class WalkingSkeletonTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final Path DEMO = ROOT.resolve("deploy/demo");

    private static ServiceProcess accounts;
    private static ServiceProcess performance;
    private static ServiceProcess aggregation;

    @BeforeAll
    static void startPlatform() throws Exception {
        String kafka = KafkaTestBroker.bootstrapServers();
        accounts = ServiceProcess.start(ROOT, "accounts-service", "accounts", kafka);
        performance = ServiceProcess.start(ROOT, "performance-service", "performance", kafka);
        aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka);
        for (ServiceProcess s : List.of(accounts, performance, aggregation)) {
            s.awaitReady(Duration.ofSeconds(120));
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess s : new ServiceProcess[] {aggregation, performance, accounts}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @Test
    void theSeedUnitsFiguresArriveInTheDepartmentsAndTheRegionsSummary() throws Exception {
        List<Map<String, String>> tree = JsonPath.from(DEMO.resolve("org-tree.json").toFile()).getList("$");
        for (Map<String, String> node : tree) {
            given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(node)
                    .put("/api/v1/units/" + node.get("code"))
                    .then().statusCode(201);
        }
        given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json")))
                .put("/api/v1/units/HH-RSJ-YLGS/reports/2023")
                .then().statusCode(201).body("state", equalTo("draft")).body("findingCounts.errors", equalTo(7));
        // The unit submits with a waiver for each error finding of the published tables; a reviewer approves.
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post("/api/v1/units/HH-RSJ-YLGS/reports/2023/submit")
                .then().statusCode(200).body("state", equalTo("submitted")).body("version", equalTo(1));
        given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post("/api/v1/units/HH-RSJ-YLGS/reports/2023/approve")
                .then().statusCode(200).body("state", equalTo("approved"));

        for (String node : new String[] {"HH-RSJ", "431200"}) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                    given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
                            .then().statusCode(200).body("freshness.unitsIn.size()", equalTo(1)));
            JsonPath summary = given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/" + node + "/2023")
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
            assertEquals("HH-RSJ-YLGS", summary.getString("freshness.unitsIn[0].unit"));
            assertEquals(1, summary.getInt("freshness.unitsIn[0].version"));
            assertEquals(List.of(), summary.getList("freshness.unitsMissing"));
        }

        // performance-service followed the same tree from the same broker.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().baseUri(performance.baseUrl()).get("/api/v1/units/HH-RSJ-YLGS")
                        .then().statusCode(200).body("parent", equalTo("HH-RSJ")).body("unitType", equalTo("参公")));
    }

    private static String cell01(JsonPath summary, String row, String col) {
        return summary.getString("tables.find { it.table == '01' }.cells.find { it.row == '" + row + "' && it.col == '"
                + col + "' }.amount");
    }
}
