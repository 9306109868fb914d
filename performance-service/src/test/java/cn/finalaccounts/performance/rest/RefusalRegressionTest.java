package cn.finalaccounts.performance.rest;

import static cn.finalaccounts.performance.rest.FundResourceTest.admin;
import static cn.finalaccounts.performance.rest.ProjectResourceTest.filler;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Parallel;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reproductions of issue 10 against performance-service: each a problem+json 4xx, or all succeeding. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class RefusalRegressionTest {
    private static final String PROBLEM = "application/problem+json";
    private static final String PROJECT = "{\"name\": \"社保经办机构工作经费\", \"fundingSource\": \"本年财政拨款\","
            + " \"initialBudget\": \"105.00\", \"fullYearBudget\": \"105.00\"}";

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void twentyParallelSpendingRecordsOnOneProjectAllSucceedAndAddUpExactly() throws Exception {
        ProjectResourceTest.knownUnit("X1-U", false);
        String fillerToken = Person.filler("X1-U").token();
        filler("X1-U").contentType(ContentType.JSON).body(PROJECT).put("/api/v1/units/X1-U/projects/2023/P").then().statusCode(201);
        List<Integer> statuses = Parallel.run(20, () -> http.send(HttpRequest.newBuilder(
                        base.resolve("/api/v1/units/X1-U/projects/2023/P/spending"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + fillerToken)
                .POST(HttpRequest.BodyPublishers.ofString("{\"date\": \"2023-06-30\", \"amount\": \"1.01\"}")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(List.of(20), List.of((int) statuses.stream().filter(s -> s == 201).count()), statuses.toString());
        assertEquals(20, count("SELECT COUNT(*) FROM project_spending s JOIN project p ON p.id = s.project_id"
                + " WHERE p.unit_code = 'X1-U'"));
        filler("X1-U").get("/api/v1/units/X1-U/projects/2023/P").then().statusCode(200).body("spent", equalTo("20.20"));
    }

    @Test
    void twentyParallelFirstPutsOfAProjectAndOfAFundLevelAllSucceedAndCreateOnce() throws Exception {
        ProjectResourceTest.knownUnit("X2-U", false);
        FundResourceTest.knownRegion("X2-R");
        String fillerToken = Person.filler("X2-U").token();
        String adminToken = Person.admin("X2-R").token();
        List<Integer> projects = Parallel.run(20, () -> put(fillerToken, "/api/v1/units/X2-U/projects/2023/P", PROJECT));
        assertEquals(1, projects.stream().filter(s -> s == 201).count(), projects.toString());
        assertEquals(19, projects.stream().filter(s -> s == 200).count(), projects.toString());
        List<Integer> funds = Parallel.run(20, () -> put(adminToken, "/api/v1/funds/2023/X2-R/work-injury",
                "{\"level\": \"全市\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}"));
        assertEquals(1, funds.stream().filter(s -> s == 201).count(), funds.toString());
        assertEquals(19, funds.stream().filter(s -> s == 200).count(), funds.toString());
        assertEquals(1, count("SELECT COUNT(*) FROM project WHERE unit_code = 'X2-U'"));
        assertEquals(1, count("SELECT COUNT(*) FROM fund_statistics WHERE region_code = 'X2-R'"));
    }

    @Test
    void aGoalOverTwoThousandCharactersWrongTypesAndDuplicateKeysAreRefused() throws Exception {
        ProjectResourceTest.knownUnit("X3-U", false);
        filler("X3-U").contentType(ContentType.JSON).body(PROJECT.replace("}", ", \"goal\": \"" + "目".repeat(2001) + "\"}"))
                .put("/api/v1/units/X3-U/projects/2023/P")
                .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("goal"));
        filler("X3-U").contentType(ContentType.JSON).body(PROJECT.replace("\"社保经办机构工作经费\"", "1"))
                .put("/api/v1/units/X3-U/projects/2023/P")
                .then().statusCode(400).contentType(PROBLEM)
                .body("type", equalTo("urn:final-accounts:problem:malformed-json"))
                .body("violations[0].field", equalTo("name"));
        assertEquals(0, count("SELECT COUNT(*) FROM project WHERE unit_code = 'X3-U'"));
        filler("X3-U").contentType(ContentType.JSON).body(PROJECT.replace("}", ", \"goal\": \"" + "目".repeat(2000) + "\"}"))
                .put("/api/v1/units/X3-U/projects/2023/P").then().statusCode(201);
        filler("X3-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"1.00\", \"amount\": \"-1000.00\"}")
                .post("/api/v1/units/X3-U/projects/2023/P/spending")
                .then().statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("amount"))
                .body("violations[0].reason", containsString("Duplicate field 'amount'"));
        filler("X3-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"-1000.00\"}")
                .post("/api/v1/units/X3-U/projects/2023/P/spending")
                .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("amount"))
                .body("violations[0].reason", containsString("negative"));
        filler("X3-U").contentType(ContentType.JSON).body("{\"date\": 20230630, \"amount\": \"1.00\"}")
                .post("/api/v1/units/X3-U/projects/2023/P/spending")
                .then().statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("date"));
        filler("X3-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"1.00\", \"memo\": \"\\ud800\"}")
                .post("/api/v1/units/X3-U/projects/2023/P/spending")
                .then().statusCode(400).contentType(PROBLEM).body("violations[0].field", equalTo("memo"));
        assertEquals(0, count("SELECT COUNT(*) FROM project_spending s JOIN project p ON p.id = s.project_id"
                + " WHERE p.unit_code = 'X3-U'"));
    }

    @Test
    void yearsOutsideTheFiscalRangeAreRefused() throws Exception {
        ProjectResourceTest.knownUnit("X4-U", false);
        FundResourceTest.knownRegion("X4-R");
        for (String year : List.of("0", "-1", "99999")) {
            filler("X4-U").contentType(ContentType.JSON).body(PROJECT).put("/api/v1/units/X4-U/projects/" + year + "/P")
                    .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("year"));
            filler("X4-U").contentType(ContentType.JSON).body("{\"date\": \"0000-06-30\", \"amount\": \"1.00\"}")
                    .post("/api/v1/units/X4-U/projects/" + year + "/P/spending")
                    .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("year"));
            admin("X4-R").contentType(ContentType.JSON).body("{\"level\": \"全市\", \"totalIncome\": \"1\", \"totalExpense\": \"1\"}")
                    .put("/api/v1/funds/" + year + "/X4-R/work-injury")
                    .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("year"));
        }
        // A year in a path is four ASCII digits (Identifier.YEAR): other spellings are refused before any lookup;
        // a well-spelt year the platform does not keep finds nothing.
        for (String year : List.of("0", "-1", "99999")) {
            filler("X4-U").get("/api/v1/units/X4-U/projects/" + year).then().statusCode(422).contentType(PROBLEM)
                    .body("violations[0].field", equalTo("year"));
            admin("X4-R").get("/api/v1/funds/" + year + "/X4-R").then().statusCode(422).contentType(PROBLEM)
                    .body("violations[0].field", equalTo("year"));
        }
        for (String year : List.of("0000", "1999", "2100")) {
            filler("X4-U").get("/api/v1/units/X4-U/projects/" + year).then().statusCode(404).contentType(PROBLEM);
            admin("X4-R").get("/api/v1/funds/" + year + "/X4-R").then().statusCode(404).contentType(PROBLEM);
        }
        assertEquals(0, count("SELECT COUNT(*) FROM project WHERE unit_code = 'X4-U'"));
        assertEquals(0, count("SELECT COUNT(*) FROM fund_statistics WHERE region_code = 'X4-R'"));
    }

    @Test
    void spendingThatWouldTakeTheProjectAboveTheCeilingIsRefused() throws Exception {
        ProjectResourceTest.knownUnit("X5-U", false);
        filler("X5-U").contentType(ContentType.JSON).body(PROJECT).put("/api/v1/units/X5-U/projects/2023/P").then().statusCode(201);
        // Issue 10's example: 11 records of 999999999999999.99 would overflow DECIMAL(18, 2); the first is refused.
        filler("X5-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"999999999999999.99\"}")
                .post("/api/v1/units/X5-U/projects/2023/P/spending")
                .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("amount"))
                .body("violations[0].reason", containsString("9999999999.99 万元"));
        filler("X5-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"9999999999.99\"}")
                .post("/api/v1/units/X5-U/projects/2023/P/spending").then().statusCode(201);
        filler("X5-U").contentType(ContentType.JSON).body("{\"date\": \"2023-07-01\", \"amount\": \"0.01\"}")
                .post("/api/v1/units/X5-U/projects/2023/P/spending")
                .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("amount"))
                .body("violations[0].reason", containsString("10000000000.00"));
        assertEquals(0, new BigDecimal("9999999999.99").compareTo(sum("SELECT SUM(s.amount) FROM project_spending s"
                + " JOIN project p ON p.id = s.project_id WHERE p.unit_code = 'X5-U'")));
        FundResourceTest.knownRegion("X5-R");
        admin("X5-R").contentType(ContentType.JSON).body("{\"level\": \"全市\", \"totalIncome\": \"10000000000.00\","
                        + " \"totalExpense\": \"1\"}")
                .put("/api/v1/funds/2023/X5-R/work-injury")
                .then().statusCode(422).contentType(PROBLEM).body("violations[0].field", equalTo("totalIncome"));
        assertEquals(0, count("SELECT COUNT(*) FROM fund_statistics WHERE region_code = 'X5-R'"));
    }

    private int put(String token, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private long count(String sql) throws Exception {
        return sum(sql).longValueExact();
    }

    private BigDecimal sum(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getBigDecimal(1);
        }
    }

}
