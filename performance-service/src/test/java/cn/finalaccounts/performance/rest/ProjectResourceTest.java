package cn.finalaccounts.performance.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The seed's nine project funds, loaded through the API, rated, scored and reconciled with its 决算. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ProjectResourceTest {
    @Inject
    AgroalDataSource dataSource;

    /** A request authenticated as the person. */
    static RequestSpecification as(Person person) {
        return given().auth().oauth2(person.token());
    }

    /** A request as the unit's filler: the role that keeps its projects (and may read them). */
    static RequestSpecification filler(String unit) {
        return as(Person.filler(unit));
    }

    /** Registers the unit in the tree (as accounts-service would) and waits until this service knows it. */
    static void knownUnit(String unit, boolean withApprovedSeedReport) {
        try (EventProducer events = new EventProducer()) {
            events.node(unit + "-D", "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, null, 1);
            events.node(unit, "怀化市养老和工伤保险服务中心", NodeKind.UNIT, unit + "-D", 1);
            if (withApprovedSeedReport) {
                events.report(EventProducer.seedReport(unit), 1, "approved");
            }
        }
        // A node this service does not know yet is in nobody's scope: 403 until the event is in, then 200.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> as(Person.reader(unit)).get("/api/v1/units/" + unit)
                .then().statusCode(200));
    }

    /** Loads the demo's nine projects (deploy/demo/projects) for the unit, spending included. */
    static void loadSeedProjects(String unit) throws Exception {
        JsonNode demo = new ObjectMapper().readTree(Path.of("../deploy/demo/projects/2023/HH-RSJ-YLGS.json").toFile());
        for (JsonNode p : demo.get("projects")) {
            String url = "/api/v1/units/" + unit + "/projects/2023/" + p.get("code").asText();
            as(Person.filler(unit)).contentType(ContentType.JSON).body(p.toString()).put(url).then().statusCode(201);
            for (JsonNode s : p.get("spending")) {
                as(Person.filler(unit)).contentType(ContentType.JSON).body(s.toString()).post(url + "/spending").then().statusCode(201);
            }
        }
    }

    @Test
    void theSeedProjectsAreRatedScoredAndReconciledExactly() throws Exception {
        knownUnit("PR1-U", true);
        loadSeedProjects("PR1-U");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> filler("PR1-U").get("/api/v1/units/PR1-U/projects/2023")
                .then().body("reconciliation.reportView", equalTo("approved")));

        filler("PR1-U").get("/api/v1/units/PR1-U/projects/2023").then().statusCode(200)
                .body("projects.project", contains("P01", "P02", "P03", "P04", "P05", "P06", "P07", "P08", "P09"))
                // 社保经办机构工作经费 105 → 105.61: 100.58 %, score capped at 10.
                .body("projects[1].executionRate", equalTo("100.58"))
                .body("projects[1].executionRateDenominator", equalTo("全年预算数"))
                .body("projects[1].executionScore", equalTo("10.00"))
                .body("projects[1].overBudget", equalTo(true))
                .body("projects[1].overBudgetNote", containsString("0.61 over"))
                // 工伤专项业务工作经费 27.5 → 27.49: 99.96 % (the document prints 100.00 %).
                .body("projects[2].executionRate", equalTo("99.96"))
                .body("projects[2].spent", equalTo("27.49"))
                .body("totals.fullYearBudget", equalTo("204.90"))
                .body("totals.spent", equalTo("205.50"))
                // The group's rate is Σ spent / Σ budget, not an average of the nine rates.
                .body("totals.executionRate", equalTo("100.29"))
                .body("totals.overBudget", equalTo(1))
                // Σ spending 205.50 against the 决算's 项目支出 205.51: a difference of 0.01, within the tolerance.
                .body("reconciliation.projectSpending", equalTo("205.50"))
                .body("reconciliation.table03", equalTo("205.51"))
                .body("reconciliation.table05", equalTo("205.51"))
                .body("reconciliation.differenceTo03", equalTo("-0.01"))
                .body("reconciliation.flagged", equalTo(false));
        filler("PR1-U").get("/api/v1/units/PR1-U/projects/2023/P02").then().statusCode(200)
                .body("schedule.behind", equalTo(false))
                .body("schedule.months.size()", equalTo(12))
                .body("spending[0].amount", equalTo("105.61"));
    }

    @Test
    void projectSpendingThatDoesNotMatchTheReportIsFlagged() {
        knownUnit("PR5-U", true);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> filler("PR5-U").get("/api/v1/units/PR5-U/projects/2023")
                .then().body("reconciliation.reportView", equalTo("approved")));
        String url = "/api/v1/units/PR5-U/projects/2023/P02";
        filler("PR5-U").contentType(ContentType.JSON).body("{\"name\": \"社保经办机构工作经费\", \"fundingSource\": \"本年财政拨款\","
                + " \"initialBudget\": \"105\", \"fullYearBudget\": \"105\"}").put(url).then().statusCode(201);
        filler("PR5-U").contentType(ContentType.JSON).body("{\"date\": \"2023-12-31\", \"amount\": \"105.61\"}")
                .post(url + "/spending").then().statusCode(201);
        // A project funded by other money does not count against the 决算's 财政拨款 项目支出.
        filler("PR5-U").contentType(ContentType.JSON).body("{\"name\": \"自筹项目\", \"fundingSource\": \"其他\","
                + " \"initialBudget\": \"50\", \"fullYearBudget\": \"50\"}")
                .put("/api/v1/units/PR5-U/projects/2023/X1").then().statusCode(201);
        filler("PR5-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"50.00\"}")
                .post("/api/v1/units/PR5-U/projects/2023/X1/spending").then().statusCode(201);

        filler("PR5-U").get("/api/v1/units/PR5-U/projects/2023").then()
                .body("reconciliation.projectSpending", equalTo("105.61"))
                .body("reconciliation.differenceTo03", equalTo("-99.90"))
                .body("reconciliation.flagged", equalTo(true))
                .body("totals.spent", equalTo("155.61"));
    }

    @Test
    void aZeroBudgetHasNoRateAndAScheduleNeedsABudget() {
        knownUnit("PR2-U", false);
        filler("PR2-U").contentType(ContentType.JSON)
                .body("{\"name\": \"无预算项目\", \"fundingSource\": \"其他\", \"initialBudget\": \"0\", \"fullYearBudget\": \"0\"}")
                .put("/api/v1/units/PR2-U/projects/2023/Z1").then().statusCode(201)
                .body("executionRate", nullValue())
                .body("executionScore", nullValue())
                .body("schedule", nullValue());
        filler("PR2-U").get("/api/v1/units/PR2-U/projects/2023").then()
                .body("reconciliation.note", containsString("no submitted or approved"));
    }

    @Test
    void behindScheduleIsJudgedMonthByMonth() {
        knownUnit("PR3-U", false);
        String url = "/api/v1/units/PR3-U/projects/2023/S1";
        filler("PR3-U").contentType(ContentType.JSON)
                .body("{\"name\": \"工伤预防工作经费\", \"fundingSource\": \"本年财政拨款\", \"initialBudget\": \"120.00\","
                        + " \"fullYearBudget\": \"120.00\"}").put(url).then().statusCode(201);
        filler("PR3-U").contentType(ContentType.JSON).body("{\"date\": \"2023-01-20\", \"amount\": \"10.00\", \"memo\": \"1月\"}")
                .post(url + "/spending").then().statusCode(201);

        filler("PR3-U").get(url + "?asOf=2023-02-28").then().body("schedule.behind", equalTo(false));
        filler("PR3-U").get(url + "?asOf=2023-04-30").then().body("schedule.behind", equalTo(true))
                .body("schedule.months[3].expectedPercent", equalTo(33.33f))
                .body("schedule.months[3].actualPercent", equalTo(8.33f));
        filler("PR3-U").get("/api/v1/units/PR3-U/projects/2023?asOf=2023-04-30").then().body("totals.behindSchedule", equalTo(1));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() throws Exception {
        knownUnit("PR4-U", false);
        long before = count("SELECT COUNT(*) FROM project") + count("SELECT COUNT(*) FROM project_spending");

        filler("PR4-U").contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"fundingSource\": \"赞助\", \"initialBudget\": \"-5\", \"fullYearBudget\": 5.5,"
                        + " \"indicators\": [{\"level1\": \"产出指标\", \"level2\": \"数量指标\", \"level3\": \"件数\","
                        + " \"kind\": \"定量\", \"direction\": \"向上\", \"weight\": \"20\"}]}")
                .put("/api/v1/units/PR4-U/projects/2023/B1").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("fundingSource", "initialBudget", "fullYearBudget",
                        "indicators[0].direction"));
        filler("PR4-U").contentType(ContentType.JSON).body("{\"date\": \"2023-05-01\", \"amount\": \"1.00\"}")
                .post("/api/v1/units/PR4-U/projects/2023/NOPE/spending").then().statusCode(404);
        // A node this service does not know is in nobody's scope (403); a known node that is no unit has no projects.
        filler("PR4-U").contentType(ContentType.JSON)
                .body("{\"name\": \"y\", \"fundingSource\": \"本年财政拨款\", \"initialBudget\": \"5\", \"fullYearBudget\": \"5\"}")
                .put("/api/v1/units/NOBODY/projects/2023/B2").then().statusCode(403);
        filler("PR4-U-D").contentType(ContentType.JSON)
                .body("{\"name\": \"y\", \"fundingSource\": \"本年财政拨款\", \"initialBudget\": \"5\", \"fullYearBudget\": \"5\"}")
                .put("/api/v1/units/PR4-U-D/projects/2023/B2").then().statusCode(404)
                .body("detail", containsString("knows no unit 'PR4-U-D'"));
        assertEquals(before, count("SELECT COUNT(*) FROM project") + count("SELECT COUNT(*) FROM project_spending"));

        filler("PR4-U").contentType(ContentType.JSON)
                .body("{\"name\": \"y\", \"fundingSource\": \"本年财政拨款\", \"initialBudget\": \"5\", \"fullYearBudget\": \"5\"}")
                .put("/api/v1/units/PR4-U/projects/2023/B2").then().statusCode(201);
        filler("PR4-U").contentType(ContentType.JSON).body("{\"date\": \"2024-01-02\", \"amount\": \"1.00\"}")
                .post("/api/v1/units/PR4-U/projects/2023/B2/spending").then().statusCode(422)
                .body("violations[0].field", equalTo("date"))
                .body("violations[0].reason", containsString("outside the fiscal year 2023"));
        filler("PR4-U").contentType(ContentType.JSON).body("{\"date\": \"2023-07-01\", \"amount\": \"1.005\"}")
                .post("/api/v1/units/PR4-U/projects/2023/B2/spending").then().statusCode(422)
                .body("violations[0].field", equalTo("amount"));
        assertEquals(0, count("SELECT COUNT(*) FROM project_spending s JOIN project p ON p.id = s.project_id"
                + " WHERE p.unit_code = 'PR4-U'"));
        // Sending the same project again changes nothing.
        long revision = filler("PR4-U").get("/api/v1/units/PR4-U/projects/2023/B2").then().extract().jsonPath().getLong("revision");
        filler("PR4-U").contentType(ContentType.JSON)
                .body("{\"name\": \"y\", \"fundingSource\": \"本年财政拨款\", \"initialBudget\": \"5.00\", \"fullYearBudget\": \"5\"}")
                .put("/api/v1/units/PR4-U/projects/2023/B2").then().statusCode(200).body("revision", equalTo((int) revision));
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
