package cn.finalaccounts.performance.rest;

import static cn.finalaccounts.performance.rest.FundResourceTest.admin;
import static cn.finalaccounts.performance.rest.ProjectResourceTest.filler;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.support.identity.PathIdentifiers;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.OpenApiContract;
import cn.finalaccounts.testsupport.Person;
import cn.finalaccounts.testsupport.SecondSpellings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 20: every identifier of performance-service in one spelling, on every path, in bodies and in records. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class IdentifierSpellingTest {
    private static final String PROJECT = "{\"name\": \"社保经办机构工作经费\", \"fundingSource\": \"本年财政拨款\","
            + " \"initialBudget\": \"10.00\", \"fullYearBudget\": \"10.00\"}";
    static final Map<String, String> SAMPLES = Map.of("code", "ID7-U", "year", "2023", "projectCode", "P02",
            "region", "431200", "fund", "work-injury");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void everyPathParameterOfEveryOperationHasOneSpelling() throws SQLException {
        List<SecondSpellings.Case> cases = SecondSpellings.of(OpenApiContract.contract(), SAMPLES,
                (name, value) -> PathIdentifiers.grammarOf(name).orElseThrow().matches(value));
        SAMPLES.keySet().forEach(name -> assertTrue(PathIdentifiers.grammarOf(name).isPresent(),
                "{" + name + "} has no grammar in PathIdentifiers"));
        assertTrue(cases.size() >= 80, "only " + cases.size() + " cases");
        // The contract declares the same grammar (one home: Identifier in fiscal-core), for generated clients.
        SecondSpellings.declaredPatterns(OpenApiContract.contract()).forEach((name, patterns) -> assertEquals(
                java.util.Set.of("^(" + PathIdentifiers.grammarOf(name).orElseThrow().pattern() + ")$"), patterns.stream()
                        .map(x -> x.isEmpty() || x.startsWith("^(") ? x : "^(" + x.substring(1, x.length() - 1) + ")$")
                        .collect(java.util.stream.Collectors.toSet()), name));
        long projects = count("SELECT COUNT(*) FROM project");
        long funds = count("SELECT COUNT(*) FROM fund_statistics");
        List<String> wrong = new ArrayList<>();
        for (SecondSpellings.Case c : cases) {
            Response r = ProjectResourceTest.as(Person.admin("431200")).urlEncodingEnabled(false)
                    .contentType(ContentType.JSON).body("{}").request(c.method(), c.path());
            if (r.statusCode() != 422 || !r.contentType().startsWith("application/problem+json")
                    || !r.jsonPath().getList("violations.field").contains(c.parameter())) {
                wrong.add(c + " → " + r.statusCode() + " " + r.asString());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(projects, count("SELECT COUNT(*) FROM project"));
        assertEquals(funds, count("SELECT COUNT(*) FROM fund_statistics"));
    }

    @Test
    void aProjectCodeOrAFundLevelInASecondSpellingIsRefusedAndNothingIsStored() throws SQLException {
        ProjectResourceTest.knownUnit("ID8-U", false);
        FundResourceTest.knownRegion("ID8-R");
        // Lower case was a project code of its own until now: one spelling, upper case.
        filler("ID8-U").contentType(ContentType.JSON).body(PROJECT).put("/api/v1/units/ID8-U/projects/2023/p02")
                .then().statusCode(422).body("violations.field", contains("projectCode"))
                .body("violations[0].reason", containsString("did you mean 'P02'?"));
        admin("ID8-R").contentType(ContentType.JSON)
                .body("{\"level\": \"４３１２０２\", \"totalIncome\": \"1\", \"totalExpense\": \"1\"}")
                .put("/api/v1/funds/2023/ID8-R/work-injury").then().statusCode(422)
                .body("violations.field", contains("level"));
        assertEquals(0, count("SELECT COUNT(*) FROM project WHERE unit_code = 'ID8-U'"));
        assertEquals(0, count("SELECT COUNT(*) FROM fund_statistics WHERE region_code = 'ID8-R'"));
        filler("ID8-U").contentType(ContentType.JSON).body(PROJECT).put("/api/v1/units/ID8-U/projects/2023/P02")
                .then().statusCode(201);
    }

    @Test
    void aTreeEventNamingANodeInASecondSpellingIsSetAsideNeverMirrored() throws SQLException {
        try (EventProducer events = new EventProducer()) {
            events.node("ID9-D", "部门", NodeKind.DEPARTMENT, null, 1);
            events.node("ID9-U ", "别名单位", NodeKind.UNIT, "ID9-D", 1);
            events.node("ID9-W", "单位", NodeKind.UNIT, "ID9-D\u200B", 1);
            events.node("ID9-U", "单位", NodeKind.UNIT, "ID9-D", 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ProjectResourceTest.as(Person.reader("ID9-U"))
                .get("/api/v1/units/ID9-U").then().statusCode(200));
        await().atMost(Duration.ofSeconds(30)).until(() -> rejected("ID9-U ") + rejected("ID9-W") == 2);
        assertEquals(1, count("SELECT COUNT(*) FROM org_node WHERE BINARY code = 'ID9-U'"));
        assertEquals(0, count("SELECT COUNT(*) FROM org_node WHERE BINARY code IN ('ID9-U ', 'ID9-W')"));
        assertTrue(reason("ID9-U ").contains("code is not canonical"), reason("ID9-U "));
        assertTrue(reason("ID9-W").contains("parentCode is not canonical"), reason("ID9-W"));
    }

    private long rejected(String key) throws SQLException {
        return count("SELECT COUNT(*) FROM rejected_event WHERE BINARY record_key = '" + key + "'");
    }

    private String reason(String key) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT reason FROM rejected_event WHERE BINARY record_key = ? ORDER BY id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
