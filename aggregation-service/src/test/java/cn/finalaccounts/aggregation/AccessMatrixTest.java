package cn.finalaccounts.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.AccessMatrix;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * aggregation-service's operations (rebuild, consistency) and its 汇总 read against every role, in and out of
 * scope, without a token and with an expired one. The expected statuses are this test's own table, written from
 * issue 11 (not read from Permission), on the tree G-R → G-D → G-U and G-R → G-D2 → G-U2: "in" is the node read
 * (G-D) or, for the service-wide operations, a root (G-R), where an admin no longer operates: that is the
 * operator's role alone, wherever its token says it belongs; "out" the other department, or a department below the
 * root.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AccessMatrixTest {
    private static final String SUMMARY = "/api/v1/summaries/G-D/2023";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void eachRoleMayReadAndOperateOnlyWhatTheMatrixSaysAndOnlyInItsScope() throws Exception {
        try (EventProducer events = new EventProducer()) {
            events.tree("G-R", "G-D", "G-U");
            events.node("G-D2", "另一部门", NodeKind.DEPARTMENT, "G-R", 1);
            events.node("G-U2", "另一单位", NodeKind.UNIT, "G-D2", 1);
            events.report(EventProducer.seedReport("G-U"), 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("G-R").get(SUMMARY).then()
                .statusCode(200).body("freshness.unitsIn", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("G-R").get("/api/v1/summaries/G-U2/2023")
                .then().statusCode(200));

        List<AccessMatrix.Row> rows = List.of(
                // columns:                                         filler  reviewer admin   reader  operator no    expired
                //                                                  in out  in out   in out  in out  in out   token token
                new AccessMatrix.Row("GET summary", "GET", SUMMARY, null, "G-D", "G-D2",
                        "reader",                                  "200 403 200 403 200 403 200 403 403 403  401   401",
                        this::summary, null),
                new AccessMatrix.Row("GET admin/consistency", "GET", "/api/v1/admin/consistency", null, "G-R", "G-D",
                        "operator",                                "403 403 403 403 403 403 403 403 200 200  401   401",
                        this::summary, null),
                new AccessMatrix.Row("POST admin/rebuild", "POST", "/api/v1/admin/rebuild", null, "G-R", "G-D",
                        "operator",                                "403 403 403 403 403 403 403 403 202 202  401   401",
                        () -> count("SELECT COUNT(*) FROM rebuild_run"), AccessMatrixTest::whileRebuilding));
        AccessMatrix matrix = new AccessMatrix().run(rows);

        assertTrue(matrix.mismatches().isEmpty(), String.join("\n", matrix.mismatches()));
        assertEquals(rows.size() * AccessMatrix.COLUMNS.size(), matrix.cells());
        // The one allowed rebuild ran, and the 汇总 came back whole.
        As.readerOf("G-D").get(SUMMARY).then().statusCode(200).body("freshness.unitsIn", equalTo(1))
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                        equalTo("901.39"));
    }

    /**
     * Right after the allowed rebuild started: a request without a token is 401 whether the rebuild is still under
     * way or not (authentication comes before the RebuildGate's 503); then wait until it is complete.
     */
    private static void whileRebuilding() {
        given().get(SUMMARY).then().statusCode(401).contentType("application/problem+json");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> As.readerOf("G-U").get("/api/v1/admin/rebuild")
                .then().statusCode(200).body("phase", equalTo("COMPLETED")));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("G-D").get(SUMMARY).then()
                .statusCode(200).body("freshness.unitsIn", equalTo(1)));
    }

    /** What a refused read must leave as it was: G-D's figures, as its reader sees them. */
    private Object summary() {
        return As.readerOf("G-D").get(SUMMARY).then().statusCode(200).extract().jsonPath().get("tables");
    }

    private long count(String sql) throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
