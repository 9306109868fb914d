package cn.finalaccounts.performance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.support.security.OrgScope;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Scope on the tree S-R → S-D → S-U, S-U3 and S-R → S-D2 → S-U2: a filler keeps their own unit's projects only, a
 * department's admin does not reach the region's fund statistics, and the audit trail names who wrote and who was
 * refused.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ScopedWritesTest {
    private static final String PROJECT = "{\"name\": \"工伤预防工作经费\", \"fundingSource\": \"本年财政拨款\","
            + " \"initialBudget\": \"120.00\", \"fullYearBudget\": \"%s\"}";
    private static final String FUND = "{\"level\": \"全市\", \"totalIncome\": \"46874\", \"totalExpense\": \"85766\"}";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrgScope scope;

    @BeforeEach
    void tree() {
        try (EventProducer events = new EventProducer()) {
            events.tree("S-R", "S-D", "S-U");
            events.node("S-D2", "另一部门", NodeKind.DEPARTMENT, "S-R", 1);
            events.node("S-U2", "另一单位", NodeKind.UNIT, "S-D2", 1);
            events.node("S-U3", "第三单位", NodeKind.UNIT, "S-D", 1);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> scope.covers("S-R", "S-U") && scope.covers("S-R", "S-U2")
                && scope.covers("S-D", "S-U3"));
    }

    @Test
    void aFillerOfOneUnitCannotWriteAnotherUnitsProjects() throws Exception {
        as(Person.filler("S-U2")).contentType("application/json").body(PROJECT.formatted("120.00"))
                .put("/api/v1/units/S-U/projects/2023/F1").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("S-U is not within S-U2"));
        as(Person.filler("S-U2")).contentType("application/json").body("{\"date\": \"2023-03-01\", \"amount\": \"1\"}")
                .post("/api/v1/units/S-U/projects/2023/F1/spending").then().statusCode(403);
        assertEquals(0, count("SELECT COUNT(*) FROM project WHERE unit_code = 'S-U'"));
        // A filler higher up the tree (of the department) reaches the unit; one of the unit does not reach upwards.
        as(Person.filler("S-D")).contentType("application/json").body(PROJECT.formatted("120.00"))
                .put("/api/v1/units/S-U/projects/2023/F2").then().statusCode(201);
        as(Person.filler("S-U")).get("/api/v1/units/S-D").then().statusCode(403);
        assertEquals(1, count("SELECT COUNT(*) FROM project WHERE unit_code = 'S-U'"));
    }

    @Test
    void anAdminOfADepartmentCannotWriteTheFundStatisticsOfTheRegionAbove() throws Exception {
        as(Person.admin("S-D")).contentType("application/json").body(FUND)
                .put("/api/v1/funds/2023/S-R/work-injury").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("S-R is not within S-D"));
        assertEquals(0, count("SELECT COUNT(*) FROM fund_statistics WHERE region_code = 'S-R'"));
        as(Person.admin("S-R")).contentType("application/json").body(FUND)
                .put("/api/v1/funds/2023/S-R/work-injury").then().statusCode(201);
        // Reading them is READ: the department's admin may not, being below the region.
        as(Person.admin("S-D")).get("/api/v1/funds/2023/S-R/work-injury").then().statusCode(403);
        as(Person.reader("S-R")).get("/api/v1/funds/2023/S-R/work-injury").then().statusCode(200)
                .body("levels[0].totalIncome", equalTo("46874.00"));
        JsonPath trail = as(Person.reviewer("S-R")).queryParam("resource", "funds/2023/S-R").get("/api/v1/audit")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("WRITE_FUNDS/refused/admin@S-D", "fund.put/done/admin@S-R"), lines(trail));
        assertTrue(trail.getString("entries[1].detail").startsWith("level 全市: created at revision 1, sha256:"),
                trail.getString("entries[1].detail"));
    }

    @Test
    void theAuditTrailOfAUnitsProjectsNamesTheFillerAndTheRefusedAttempt() {
        String url = "/api/v1/units/S-U3/projects/2023/A1";
        Person filler = Person.filler("S-U3");
        as(filler).contentType("application/json").body(PROJECT.formatted("120.00")).put(url).then().statusCode(201);
        as(filler).contentType("application/json").body("{\"date\": \"2023-03-01\", \"amount\": \"10.50\"}")
                .post(url + "/spending").then().statusCode(201);
        as(filler).contentType("application/json").body(PROJECT.formatted("130.00")).put(url).then().statusCode(200);
        // The same figures again store nothing, so they write no line.
        as(filler).contentType("application/json").body(PROJECT.formatted("130")).put(url).then().statusCode(200);
        as(Person.filler("S-U2")).contentType("application/json").body(PROJECT.formatted("1.00")).put(url).then()
                .statusCode(403);

        String resource = "units/S-U3/projects/2023/A1";
        as(filler).queryParam("resource", resource).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        JsonPath trail = as(Person.reviewer("S-U3")).queryParam("resource", "units/S-U3/projects/2023")
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("project.put/done/filler@S-U3", "spending.add/done/filler@S-U3",
                "project.put/done/filler@S-U3", "WRITE_PROJECTS/refused/filler@S-U2"), lines(trail));
        List<Map<String, Object>> e = trail.getList("entries");
        assertEquals(resource, e.get(0).get("resource"));
        assertEquals("S-U3", e.get(0).get("scopeNode"));
        assertEquals("PUT", e.get(0).get("method"));
        assertTrue(String.valueOf(e.get(0).get("detail")).startsWith("created at revision 1, sha256:"));
        assertEquals(resource + "/spending", e.get(1).get("resource"));
        assertTrue(String.valueOf(e.get(1).get("detail")).matches("spending \\d+: 10\\.50 万元 on 2023-03-01;"
                + " project revision 1 → 2"), String.valueOf(e.get(1).get("detail")));
        assertTrue(String.valueOf(e.get(2).get("detail")).startsWith("revision 2 → 3, sha256:"));
        assertTrue(String.valueOf(e.get(3).get("detail")).contains("S-U3 is not within S-U2"));
        // The reviewer of the other department sees none of it.
        assertEquals(List.of(), lines(as(Person.reviewer("S-D2")).queryParam("resource", "units/S-U3/projects/2023")
                .get("/api/v1/audit").then().statusCode(200).extract().jsonPath()));
    }

    /** action/outcome/subject of each line, oldest first. */
    private static List<String> lines(JsonPath trail) {
        List<Map<String, Object>> entries = trail.getList("entries");
        return entries.stream().map(e -> e.get("action") + "/" + e.get("outcome") + "/" + e.get("subject")).toList();
    }

    private static RequestSpecification as(Person person) {
        return given().auth().oauth2(person.token());
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
