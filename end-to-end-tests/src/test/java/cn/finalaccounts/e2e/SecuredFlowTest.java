package cn.finalaccounts.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Who may do what, end to end: accounts-service and aggregation-service as packaged, verifying tokens of the local
 * Keycloak with the repository's realm. The realm's own people file and decide the seed report (ylgs-filler saves
 * and submits, rsj-reviewer approves, city-admin builds the tree, reader reads), and its 汇总 arrives at the
 * department; a filler cannot write another unit's report, a person holding both filler and reviewer cannot
 * approve what they submitted, a call without a token is refused, and the audit trail names each token's subject
 * for what was done and for what was refused.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredFlowTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final Path DEMO = ROOT.resolve("deploy/demo");
    private static final String YLGS = "/api/v1/units/HH-RSJ-YLGS/reports/2023";
    private static final String JY = "/api/v1/units/HH-RSJ-JY/reports/2023";

    private static ServiceProcess accounts;
    private static ServiceProcess aggregation;
    private static Identities people;

    // The people of deploy/local/keycloak/final-accounts-realm.json.
    private static final Identity CITY_ADMIN = Keycloak.demoPerson("city-admin");
    private static final Identity YLGS_FILLER = Keycloak.demoPerson("ylgs-filler");
    private static final Identity RSJ_REVIEWER = Keycloak.demoPerson("rsj-reviewer");
    private static final Identity READER = Keycloak.demoPerson("reader");
    private static final Identity PLATFORM_OPERATOR = Keycloak.demoPerson("platform-operator");
    /** Made for this run: one person who is both filler and reviewer of the department. */
    private static Identity makerAndChecker;

    @BeforeAll
    static void startPlatform() throws Exception {
        people = new Identities("secured");
        makerAndChecker = people.person("maker-checker", "HH-RSJ", "filler", "reviewer");
        EmptyTopics.recreate();
        String kafka = KafkaTestBroker.bootstrapServers();
        accounts = ServiceProcess.start(ROOT, "accounts-service", "accounts", kafka);
        // aggregation-service learns a year opened after its start from accounts-service (docs/years.md), and checks
        // its 汇总 against accounts-service's counted versions.
        aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka,
                Map.of("FA_YEARS_OWNER", accounts.baseUrl(), "FA_SOURCES_ACCOUNTS", accounts.baseUrl()));
        for (ServiceProcess s : List.of(accounts, aggregation)) {
            s.awaitReady();
        }
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (ServiceProcess s : new ServiceProcess[] {aggregation, accounts}) {
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
    void theRealmsPeopleCarryTheirOrgNodeAndRoleInTheirTokens() {
        assertEquals("431200", CITY_ADMIN.orgNode());
        assertEquals("HH-RSJ-YLGS", YLGS_FILLER.orgNode());
        assertEquals("HH-RSJ", RSJ_REVIEWER.orgNode());
        assertEquals("431200", READER.orgNode());
        assertEquals(true, YLGS_FILLER.roles().contains("filler"));
        assertEquals(true, RSJ_REVIEWER.roles().contains("reviewer"));
        assertEquals(true, CITY_ADMIN.roles().contains("admin"));
        assertEquals(true, READER.roles().contains("reader"));
        assertEquals(true, PLATFORM_OPERATOR.roles().contains("operator"));
        assertEquals(null, PLATFORM_OPERATOR.orgNode());
        assertEquals(false, CITY_ADMIN.roles().contains("operator"));
    }

    @Test
    @Order(2)
    void healthAndTheApiDocumentAnswerWithoutATokenAndTheApiDoesNot() {
        for (ServiceProcess s : List.of(accounts, aggregation)) {
            given().baseUri(s.baseUrl()).get("/q/health").then().statusCode(200);
            given().baseUri(s.baseUrl()).get("/q/health/ready").then().statusCode(200);
            given().baseUri(s.baseUrl()).get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
        }
        unauthenticated(given().baseUri(accounts.baseUrl()).get("/api/v1/units/431200").then())
                .header("WWW-Authenticate", "Bearer");
        unauthenticated(given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/431200/2023").then())
                .header("WWW-Authenticate", "Bearer");
        // A token that is not one of the issuer's: its signature does not verify.
        String forged = YLGS_FILLER.token();
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
        unauthenticated(given().baseUri(accounts.baseUrl()).auth().oauth2(forged).get("/api/v1/units/431200").then())
                .header("WWW-Authenticate", containsString("invalid_token"));
    }

    /**
     * platform-operator registers the root and city-admin the tree under it (city-admin may neither register the
     * root nor hang it elsewhere); a save without a token stores nothing (the filler's save then creates the report);
     * the reviewer may not fill the report and the filler may not approve it; ylgs-filler saves and submits with the
     * demo's waivers, rsj-reviewer approves, and the department's 汇总 shows the report's figures to the reader.
     */
    @Test
    @Order(3)
    void theSeedReportFlowsFromItsFillerThroughItsReviewerIntoTheDepartmentsSummary() throws Exception {
        List<Map<String, String>> tree = JsonPath.from(DEMO.resolve("org-tree.json").toFile()).getList("$");
        for (Map<String, String> node : tree) {
            // A root is the platform's: city-admin, at 431200, may not register it, platform-operator may.
            if (node.get("parent") == null) {
                forbidden(CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(node)
                        .put("/api/v1/units/" + node.get("code")).then());
            }
            (node.get("parent") == null ? PLATFORM_OPERATOR : CITY_ADMIN).given().baseUri(accounts.baseUrl())
                    .contentType(ContentType.JSON).body(node).put("/api/v1/units/" + node.get("code")).then()
                    .statusCode(201);
        }
        // Nor may it move its own node afterwards (issue 20): hanging a root elsewhere is the operator's too.
        forbidden(CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市", "kind", "region", "parent", "HH-RSJ"))
                .put("/api/v1/units/431200").then());
        CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市就业服务中心", "kind", "unit", "parent", "HH-RSJ", "unitType", "事业"))
                .put("/api/v1/units/HH-RSJ-JY").then().statusCode(201);

        String seed = Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"));
        unauthenticated(given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(seed).put(YLGS).then());
        forbidden(RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(seed).put(YLGS)
                .then());
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(seed).put(YLGS)
                .then().statusCode(201).body("state", equalTo("draft")).body("revision", equalTo(1));

        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(YLGS + "/submit").then().statusCode(200).body("state", equalTo("submitted"))
                .body("version", equalTo(1));
        forbidden(YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(flow.getMap("approve")).post(YLGS + "/approve").then());
        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(YLGS + "/approve").then().statusCode(200).body("state", equalTo("approved"));

        JsonPath summary = awaitDepartmentSummary(1, "901.39");
        assertEquals("万元", summary.getString("amountUnit"));
        assertEquals("901.23", cell01(summary, "general_budget_appropriation", "1"));
        assertEquals("0.16", cell01(summary, "other_income", "1"));
        assertEquals("901.39", cell01(summary, "income_total", "1"));
        assertEquals("875.52", cell01(summary, "208", "2"));
        assertEquals("25.71", cell01(summary, "210", "2"));
        assertEquals("0.16", cell01(summary, "229", "2"));
        assertEquals("901.39", cell01(summary, "expense_total", "2"));
        assertEquals("901.39", cell01(summary, "expense_grand_total", "2"));
        READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023/units").then()
                .statusCode(200).body("in.unit", equalTo(List.of("HH-RSJ-YLGS")));
        // The department's 汇总 is not the business of a reader of one of its units.
        forbidden(people.reader("HH-RSJ-JY").given().baseUri(aggregation.baseUrl())
                .get("/api/v1/summaries/HH-RSJ/2023").then());
    }

    @Test
    @Order(4)
    void aFillerOfOneUnitCannotSaveAnotherUnitsReport() throws Exception {
        forbidden(YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(jySeed()).put(JY)
                .then());
        READER.given().baseUri(accounts.baseUrl()).get(JY).then().statusCode(404);
    }

    /**
     * One person holding filler and reviewer saves and submits HH-RSJ-JY's report, then tries to approve it: refused
     * on the token's subject, whatever the roles, and the report stays submitted until another reviewer decides.
     * Afterwards ylgs-filler's attempt to overwrite the approved report changes nothing.
     */
    @Test
    @Order(5)
    void nobodyApprovesTheirOwnSubmission() throws Exception {
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        makerAndChecker.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(jySeed()).put(JY)
                .then().statusCode(201);
        makerAndChecker.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(JY + "/submit").then().statusCode(200).body("state", equalTo("submitted"));
        forbidden(makerAndChecker.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(flow.getMap("approve")).post(JY + "/approve").then());
        READER.given().baseUri(accounts.baseUrl()).get(JY).then().statusCode(200)
                .body("state", equalTo("submitted")).body("version", equalTo(1));

        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(JY + "/approve").then().statusCode(200).body("state", equalTo("approved"));
        long revision = READER.given().baseUri(accounts.baseUrl()).get(JY).then().statusCode(200).extract().jsonPath()
                .getLong("revision");
        forbidden(YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(jySeed().replace("\"amount\": \"0.16\"", "\"amount\": \"99.99\"")).put(JY).then());
        READER.given().baseUri(accounts.baseUrl()).get(JY).then().statusCode(200)
                .body("state", equalTo("approved")).body("revision", equalTo((int) revision));
        // Both units approved, each once: the department's 汇总 is twice the seed's figures.
        assertEquals("1802.46", cell01(awaitDepartmentSummary(2, "1802.78"), "general_budget_appropriation", "1"));
    }

    /** The accounts-service's audit trail of both reports, read by the department's reviewer. */
    @Test
    @Order(6)
    void theAuditTrailNamesTheSubjectOfEveryWriteAndEveryRefusal() {
        String filler = YLGS_FILLER.subject();
        String reviewer = RSJ_REVIEWER.subject();
        String both = makerAndChecker.subject();
        assertEquals(List.of(
                        List.of("SAVE_REPORT", "refused", reviewer),
                        List.of("report.save", "done", filler),
                        List.of("report.submit", "done", filler),
                        List.of("DECIDE_REPORT", "refused", filler),
                        List.of("report.approve", "done", reviewer)),
                trail("units/HH-RSJ-YLGS/reports/2023"));
        assertEquals(List.of(
                        List.of("SAVE_REPORT", "refused", filler),
                        List.of("report.save", "done", both),
                        List.of("report.submit", "done", both),
                        List.of("DECIDE_REPORT", "refused", both),
                        List.of("report.approve", "done", reviewer),
                        List.of("SAVE_REPORT", "refused", filler)),
                trail("units/HH-RSJ-JY/reports/2023"));
        JsonPath lines = RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).queryParam("resource",
                "units/HH-RSJ-YLGS/reports/2023").get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals("ylgs-filler", lines.getString("entries.find { it.action == 'report.submit' }.username"));
        assertEquals("rsj-reviewer", lines.getString("entries.find { it.action == 'report.approve' }.username"));
        // A filler does not read the audit trail.
        forbidden(YLGS_FILLER.given().baseUri(accounts.baseUrl()).queryParam("resource", "units/HH-RSJ-YLGS/reports/2023")
                .get("/api/v1/audit").then());
    }

    /**
     * platform-operator opens 2024 from 2023's lists and one new 款 (docs/years.md); aggregation-service, started
     * before, knows it at its next request without a restart; the seed filed, submitted and approved as 2024 makes
     * the department's 2024 汇总 exactly, and 2023's stays as it was.
     */
    @Test
    @Order(7)
    void aYearTheOperatorOpensIsKnownEverywhereAtOnceAndItsSummaryIsItsOwn() throws Exception {
        READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2024").then().statusCode(404);
        String functional = Files.readString(ROOT.resolve("fiscal-core/src/main/resources/fiscal/2023/functional.csv"))
                + "22006,款,耕地保护考核奖惩基金支出,220,high,\n";
        forbidden(CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", functional))).put("/api/v1/years/2024").then());
        PLATFORM_OPERATOR.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", functional))).put("/api/v1/years/2024").then()
                .statusCode(201).body("changes.functional.added[0].code", equalTo("22006"));

        String seed = Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))
                .replace("\"year\": 2023", "\"year\": 2024");
        String ylgs2024 = "/api/v1/units/HH-RSJ-YLGS/reports/2024";
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(seed).put(ylgs2024)
                .then().statusCode(201);
        JsonPath flow = JsonPath.from(DEMO.resolve("workflow/2023/HH-RSJ-YLGS.json").toFile());
        YLGS_FILLER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("submit"))
                .post(ylgs2024 + "/submit").then().statusCode(200);
        RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON).body(flow.getMap("approve"))
                .post(ylgs2024 + "/approve").then().statusCode(200).body("state", equalTo("approved"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath s = READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2024").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(1, s.getInt("freshness.unitsIn"));
            assertEquals("901.39", cell01(s, "income_total", "1"));
            assertEquals("875.52", cell01(s, "208", "2"));
        });
        // 2023's 汇总 still counts its two units' 2023 reports, and nothing of 2024.
        assertEquals("1802.46", cell01(awaitDepartmentSummary(2, "1802.78"), "general_budget_appropriation", "1"));
    }

    @Test
    @Order(8)
    void aUnitMovedFrom2024LeavesItsOldDepartments2023SummaryAsItWas() {
        CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市财政局", "kind", "department", "parent", "431200", "fromYear", 2024))
                .put("/api/v1/units/HH-CZJ").then().statusCode(201);
        CITY_ADMIN.given().baseUri(accounts.baseUrl()).contentType(ContentType.JSON)
                .body(Map.of("name", "怀化市养老和工伤保险服务中心", "kind", "unit", "parent", "HH-CZJ", "unitType", "参公",
                        "fromYear", 2024))
                .put("/api/v1/units/HH-RSJ-YLGS").then().statusCode(200).body("history.parent", contains("HH-RSJ", "HH-CZJ"));

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath s = READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-CZJ/2024").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(1, s.getInt("freshness.unitsIn"));
            assertEquals("901.39", cell01(s, "income_total", "1"));
        });
        JsonPath rsj2024 = READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2024").then()
                .statusCode(200).extract().jsonPath();
        // Left under HH-RSJ in 2024: HH-RSJ-JY alone, which has filed no 2024 report.
        assertEquals(1, rsj2024.getInt("freshness.unitsExpected"));
        assertEquals(0, rsj2024.getInt("freshness.unitsIn"));
        assertEquals(null, cell01(rsj2024, "income_total", "1"));
        // 2023's tree is as it was: the department still holds both its units' 2023 figures, exactly.
        JsonPath rsj2023 = awaitDepartmentSummary(2, "1802.78");
        assertEquals("1802.46", cell01(rsj2023, "general_budget_appropriation", "1"));
        assertEquals(2, rsj2023.getInt("freshness.unitsExpected"));
        PLATFORM_OPERATOR.given().baseUri(aggregation.baseUrl()).get("/api/v1/admin/consistency/sources").then()
                .statusCode(200).body("consistent", equalTo(true)).body("discrepancyCount", equalTo(0))
                .body("versionDiscrepancyCount", equalTo(0));
    }

    /** (action, outcome, subject) of each line of the resource and what lies under it, oldest first. */
    private static List<List<String>> trail(String resource) {
        JsonPath page = RSJ_REVIEWER.given().baseUri(accounts.baseUrl()).queryParam("resource", resource)
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> entries = page.getList("entries");
        return entries.stream().map(e -> List.of(String.valueOf(e.get("action")), String.valueOf(e.get("outcome")),
                String.valueOf(e.get("subject")))).toList();
    }

    private static String jySeed() throws Exception {
        return Files.readString(DEMO.resolve("reports/2023/HH-RSJ-YLGS.json"))
                .replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"HH-RSJ-JY\"");
    }

    private static JsonPath awaitDepartmentSummary(int units, String incomeTotal) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            JsonPath s = READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(units, s.getInt("freshness.unitsIn"));
            assertEquals(incomeTotal, cell01(s, "income_total", "1"));
        });
        return READER.given().baseUri(aggregation.baseUrl()).get("/api/v1/summaries/HH-RSJ/2023").then().statusCode(200)
                .extract().jsonPath();
    }

    private static ValidatableResponse unauthenticated(ValidatableResponse r) {
        return r.statusCode(401).contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                .body("detail", containsString("nothing was stored"));
    }

    private static ValidatableResponse forbidden(ValidatableResponse r) {
        return r.statusCode(403).contentType(startsWith("application/problem+json")).body("status", equalTo(403))
                .body("detail", containsString("nothing was stored"));
    }

    private static String cell01(JsonPath summary, String row, String col) {
        return summary.getString("tables.find { it.table == '01' }.cells.find { it.row == '" + row + "' && it.col == '"
                + col + "' }.amount");
    }
}
