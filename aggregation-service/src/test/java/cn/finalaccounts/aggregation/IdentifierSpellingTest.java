package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.support.identity.PathIdentifiers;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.OpenApiContract;
import cn.finalaccounts.testsupport.SecondSpellings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: a unit code with a trailing space was counted as a second unit of a department's 汇总, the real one
 * shown as missing, and the consistency check went false. A record on the topic is input from outside: an
 * identifier in a second spelling sets it aside as poison, and every path parameter has one spelling.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class IdentifierSpellingTest {
    static final Map<String, String> SAMPLES = Map.of("node", "431200", "year", "2023", "table", "01",
            "row", "income_total", "col", "1");

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aReportEventForATrailingSpaceAliasIsSetAsideAndTheRealUnitIsCountedOnce() throws SQLException {
        try (EventProducer events = new EventProducer()) {
            events.tree("ID6-R", "ID6-D", "ID6-U");
            events.raw(Topics.UNIT_REPORTS, "ID6-U ", approvedSeed("ID6-U").replace("\"unit\":\"ID6-U\"",
                    "\"unit\":\"ID6-U \""));
            events.node("ID6-V\u200B", "别名单位", NodeKind.UNIT, "ID6-D", 1);
            events.report(EventProducer.seedReport("ID6-U"), 1);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("ID6-R").get("/api/v1/summaries/ID6-D/2023").then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                                equalTo("901.39")));
        As.readerOf("ID6-R").get("/api/v1/summaries/ID6-D/2023/units").then().statusCode(200)
                .body("in.unit", contains("ID6-U"))
                .body("missing", empty());
        As.readerOf("ID6-R").get("/api/v1/summaries/ID6-D/2023").then()
                .body("freshness.unitsExpected", equalTo(1))
                .body("freshness.unitsIn", equalTo(1));

        List<String> reasons = reasons("ID6-U ");
        assertEquals(1, reasons.size(), reasons.toString());
        assertTrue(reasons.get(0).contains("unit is not canonical") && reasons.get(0).contains("did you mean 'ID6-U'?"),
                reasons.get(0));
        List<String> nodeReasons = reasons("ID6-V\u200B");
        assertEquals(1, nodeReasons.size(), nodeReasons.toString());
        assertTrue(nodeReasons.get(0).contains("code is not canonical"), nodeReasons.get(0));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf(As.OPS).get("/api/v1/admin/consumer")
                .then().statusCode(200).body("pendingEvents", equalTo(0)));
        As.operator().get("/api/v1/admin/consistency").then().statusCode(200)
                .body("discrepancies", empty()).body("consistent", equalTo(true));
    }

    @Test
    void everyPathParameterOfEveryOperationHasOneSpelling() {
        List<SecondSpellings.Case> cases = SecondSpellings.of(OpenApiContract.contract(), SAMPLES,
                (name, value) -> PathIdentifiers.grammarOf(name).orElseThrow().matches(value));
        SAMPLES.keySet().forEach(name -> assertTrue(PathIdentifiers.grammarOf(name).isPresent(),
                "{" + name + "} has no grammar in PathIdentifiers"));
        assertTrue(cases.size() >= 100, "only " + cases.size() + " cases");
        // The contract declares the same grammar (one home: Identifier in fiscal-core), for generated clients.
        SecondSpellings.declaredPatterns(OpenApiContract.contract()).forEach((name, patterns) -> assertEquals(
                java.util.Set.of("^(" + PathIdentifiers.grammarOf(name).orElseThrow().pattern() + ")$"), patterns.stream()
                        .map(x -> x.isEmpty() || x.startsWith("^(") ? x : "^(" + x.substring(1, x.length() - 1) + ")$")
                        .collect(java.util.stream.Collectors.toSet()), name));
        List<String> wrong = new ArrayList<>();
        for (SecondSpellings.Case c : cases) {
            Response r = As.operator().urlEncodingEnabled(false).request(c.method(), c.path());
            if (r.statusCode() != 422 || !r.contentType().startsWith("application/problem+json")
                    || !r.jsonPath().getList("violations.field").contains(c.parameter())) {
                wrong.add(c + " → " + r.statusCode() + " " + r.asString());
            }
        }
        assertEquals(List.of(), wrong);
        As.operator().urlEncodingEnabled(false).queryParam("table", "01%20").get("/api/v1/summaries/431200/2023/children")
                .then().statusCode(422).body("violations.field", contains("table"));
    }

    private static String approvedSeed(String unit) {
        return EventCodec.encode(UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION,
                new UnitReportChanged(unit, 2023, 1, "approved", 1, SubtotalDeriver.complete(
                        EventProducer.seedReport(unit), FiscalYears.current().year(2023).orElseThrow()),
                        Instant.now().toString()));
    }

    /** The reasons rejected records of exactly this key were set aside for (BINARY: the collation pads spaces). */
    private List<String> reasons(String key) throws SQLException {
        List<String> out = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(key) > 0);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT reason FROM rejected_event WHERE BINARY record_key = ? ORDER BY id")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private long count(String key) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT COUNT(*) FROM rejected_event WHERE BINARY record_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
