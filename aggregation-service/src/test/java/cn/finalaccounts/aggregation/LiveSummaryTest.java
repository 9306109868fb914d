package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.RejectedEvent;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.TestEventKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events in, kept 汇总 out: each scenario publishes the events accounts-service would and reads the API. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class LiveSummaryTest {
    private final EventProducer events = new EventProducer();

    @Inject
    AgroalDataSource dataSource;

    @AfterEach
    void closeAndCheckConsistency() {
        events.close();
        // After every scenario each node's 汇总 equals a from-scratch recomputation, cell for cell.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf(As.OPS).get("/api/v1/admin/consumer")
                .then().statusCode(200).body("pendingEvents", equalTo(0)));
        As.operator().get("/api/v1/admin/consistency").then().statusCode(200)
                .body("discrepancies", empty())
                .body("consistent", equalTo(true));
    }

    @Test
    void theSeedUnitsTable01ArrivesInTheDepartmentAndTheRegion() {
        events.tree("A1-431200", "A1-RSJ", "A1-YLGS");
        events.report(EventProducer.seedReport("A1-YLGS"), 1);

        for (String node : new String[] {"A1-RSJ", "A1-431200"}) {
            JsonPath summary = awaitSummary(node, "income_total", "901.39");
            assertEquals("901.23", amount(summary, "01", "general_budget_appropriation", "1"));
            assertEquals("0.16", amount(summary, "01", "other_income", "1"));
            assertEquals("901.39", amount(summary, "01", "income_total", "1"));
            assertEquals("875.52", amount(summary, "01", "208", "2"));
            assertEquals("25.71", amount(summary, "01", "210", "2"));
            assertEquals("0.16", amount(summary, "01", "229", "2"));
            assertEquals("901.39", amount(summary, "01", "expense_total", "2"));
            assertEquals("901.39", amount(summary, "01", "income_grand_total", "1"));
            assertEquals("901.39", amount(summary, "01", "expense_grand_total", "2"));
            assertEquals("社会保障和就业支出", summary.getString(
                    "tables.find { it.table == '01' }.cells.find { it.row == '208' }.rowLabel"));
            assertEquals("515.83", amount(summary, "05", "2080109", "2"));
            // Cells come in print order: income rows, then the 类 rows, then the expense totals.
            assertEquals(java.util.List.of("general_budget_appropriation", "other_income", "income_total",
                    "income_grand_total", "208", "210", "229", "expense_total", "expense_grand_total"),
                    summary.getList("tables.find { it.table == '01' }.cells.row"));
            assertEquals(1, summary.getInt("freshness.unitsExpected"));
            assertEquals(1, summary.getInt("freshness.unitsIn"));
            assertEquals(0, summary.getInt("freshness.unitsMissing"));
            As.readerOf(node).get("/api/v1/summaries/" + node + "/2023/units").then().statusCode(200)
                    .body("in[0].unit", equalTo("A1-YLGS")).body("in[0].version", equalTo(1)).body("missing", empty());
        }
    }

    @Test
    void aDuplicatedEventIsCountedOnceAndALateOlderVersionIsIgnored() {
        events.tree("A2-R", "A2-D", "A2-U");
        events.report(EventProducer.seedReport("A2-U"), 1);
        events.report(EventProducer.seedReport("A2-U"), 1);
        events.report(EventProducer.seedReport("A2-U", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 2);
        events.report(EventProducer.seedReport("A2-U"), 1);
        // A marker after them: once it is in, everything before it on the partition has been applied.
        events.node("A2-MARK", "marker", NodeKind.UNIT, "A2-D", 1);
        events.report(EventProducer.seedReport("A2-MARK"), 1);

        JsonPath summary = awaitSummary("A2-R", "income_total", "1802.78");
        // 0.26 (A2-U version 2) + 0.16 (A2-MARK), never 0.16 + 0.16 + 0.26 + …
        assertEquals("0.42", amount(summary, "01", "other_income", "1"));
        assertEquals("1802.46", amount(summary, "01", "general_budget_appropriation", "1"));
        As.readerOf("A2-U").get("/api/v1/summaries/A2-U/2023").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount", equalTo("0.26"))
                .body("freshness.unitsIn", equalTo(1));
        As.readerOf("A2-U").get("/api/v1/summaries/A2-U/2023/units").then().body("in[0].version", equalTo(2));
    }

    @Test
    void aReportBeforeItsTreeStillRollsUpOnceTheTreeArrives() {
        events.report(EventProducer.seedReport("A3-U"), 1);
        events.node("A3-U", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "A3-D", 1);
        events.node("A3-D", "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, "A3-R", 1);
        events.node("A3-R", "怀化市", NodeKind.REGION, null, 1);

        awaitSummary("A3-R", "income_total", "901.39");
        awaitSummary("A3-D", "income_total", "901.39");
    }

    @Test
    void aUnitMovedToAnotherDepartmentLeavesTheOldOneAndJoinsTheNew() {
        events.tree("A4-R", "A4-D1", "A4-U");
        events.node("A4-D2", "另一部门", NodeKind.DEPARTMENT, "A4-R", 1);
        events.report(EventProducer.seedReport("A4-U"), 1);
        awaitSummary("A4-D1", "income_total", "901.39");

        events.node("A4-U", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "A4-D2", 2);

        awaitSummary("A4-D2", "income_total", "901.39");
        As.readerOf("A4-D1").get("/api/v1/summaries/A4-D1/2023").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells", empty())
                .body("freshness.unitsExpected", equalTo(0));
        JsonPath region = awaitSummary("A4-R", "income_total", "901.39");
        assertEquals("875.52", amount(region, "01", "208", "2"));
    }

    @Test
    void aRemovedUnitLeavesEverySummaryAboveIt() {
        events.tree("A9-R", "A9-D", "A9-U");
        events.node("A9-U2", "第二单位", NodeKind.UNIT, "A9-D", 1);
        events.report(EventProducer.seedReport("A9-U"), 1);
        events.report(EventProducer.seedReport("A9-U2"), 1);
        awaitSummary("A9-R", "income_total", "1802.78");

        events.removed("A9-U", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "A9-D", 2);

        JsonPath region = awaitSummary("A9-R", "income_total", "901.39");
        assertEquals(1, region.getInt("freshness.unitsExpected"));
        assertEquals(1, region.getInt("freshness.unitsIn"));
        As.readerOf("A9-R").get("/api/v1/summaries/A9-R/2023/units").then().body("in.unit", contains("A9-U2"));
        awaitSummary("A9-D", "income_total", "901.39");
        // The removed unit's own figures stay readable.
        awaitSummary("A9-U", "income_total", "901.39");
    }

    @Test
    void aPoisonEventIsSetAsideAndTheConsumerKeepsGoing() throws SQLException {
        events.raw(Topics.UNIT_REPORTS, "A5-U", "{not json");
        events.raw(Topics.UNIT_REPORTS, "A5-U", "{\"eventId\": \"x\", \"type\": \"UnitReportChanged\", \"contractVersion\": 99,"
                + " \"occurredAt\": \"2024-01-01T00:00:00Z\", \"data\": {}}");
        events.tree("A5-R", "A5-D", "A5-U");
        events.report(EventProducer.seedReport("A5-U"), 1);

        awaitSummary("A5-R", "income_total", "901.39");
        List<RejectedEvent> deadLetters = deadLetters("A5-U", 2);
        assertEquals(true, deadLetters.get(0).reason().startsWith("not JSON"));
        assertEquals("{not json", deadLetters.get(0).payload());
        assertEquals(Topics.UNIT_REPORTS, deadLetters.get(0).topic());
        assertEquals(true, deadLetters.get(1).reason().contains("contract version 99"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT reason FROM rejected_event WHERE record_key = 'A5-U' ORDER BY id")) {
            rs.next();
            assertEquals(true, rs.getString(1).startsWith("not JSON"));
            rs.next();
            assertEquals(true, rs.getString(1).contains("contract version 99"));
        }
    }

    @Test
    void aForgedReportIsSetAsideAndCountsInNoSummaryNorLineage() throws SQLException {
        events.tree("A20-R", "A20-D", "A20-U");
        events.node("A20-F", "无此报表的单位", NodeKind.UNIT, "A20-D", 1);
        // Three forgeries of a report accounts-service never had: unsigned, signed as accounts with a key that is not
        // its own, and signed by performance-service (a genuine key) on a topic only accounts-service writes.
        events.unsigned(Topics.UNIT_REPORTS, "A20-F", EventProducer.reportEvent(EventProducer.seedReport("A20-F"), 1,
                "approved"));
        events.signedAs("accounts", "a-key-that-is-not-accounts-services-own-000", Topics.UNIT_REPORTS, "A20-F",
                EventProducer.reportEvent(EventProducer.seedReport("A20-F"), 2, "approved"));
        events.signedAs("performance", TestEventKeys.PERFORMANCE, Topics.UNIT_REPORTS, "A20-F",
                EventProducer.reportEvent(EventProducer.seedReport("A20-F"), 3, "approved"));
        events.report(EventProducer.seedReport("A20-U"), 1);

        List<RejectedEvent> deadLetters = deadLetters("A20-F", 3);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf(As.OPS).get("/api/v1/admin/consumer")
                .then().statusCode(200).body("pendingEvents", equalTo(0)));
        for (String node : new String[] {"A20-D", "A20-R"}) {
            JsonPath summary = awaitSummary(node, "income_total", "901.39");
            assertEquals("901.23", amount(summary, "01", "general_budget_appropriation", "1"));
            assertEquals(1, summary.getInt("freshness.unitsIn"));
            As.readerOf(node).get("/api/v1/summaries/" + node + "/2023/cells/01/income_total/1/lineage").then()
                    .statusCode(200).body("amount", equalTo("901.39")).body("units.unit", contains("A20-U"));
        }
        As.readerOf("A20-D").get("/api/v1/summaries/A20-D/2023/units").then().statusCode(200)
                .body("in.unit", contains("A20-U")).body("missing", contains("A20-F"));
        assertEquals(List.of(
                        "not signed by its producer: unsigned record: no fa-producer header",
                        "not signed by its producer: signature does not match any key of producer accounts",
                        "not signed by its producer: producer 'performance' may not write fa.accounts.unit-reports.v1"
                                + " (only accounts may)"),
                deadLetters.stream().map(RejectedEvent::reason).toList());
        assertEquals(Topics.UNIT_REPORTS, deadLetters.get(0).topic());
        assertTrue(deadLetters.get(0).payload().contains("\"unit\":\"A20-F\""));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT reason FROM rejected_event WHERE record_key = 'A20-F' ORDER BY id")) {
            for (RejectedEvent expected : deadLetters) {
                assertTrue(rs.next());
                assertEquals(expected.reason(), rs.getString(1));
            }
            assertTrue(!rs.next());
        }
    }

    @Test
    void draftsCountNowhereAndTheApprovedAndSubmittedViewsAreKeptApart() {
        events.tree("A7-R", "A7-D", "A7-U");
        events.report(EventProducer.seedReport("A7-U", "\"amount\": \"0.16\"}", "\"amount\": \"9.16\"}"), 0, "draft");
        events.report(EventProducer.seedReport("A7-U"), 1, "submitted");
        awaitSummary("A7-R", "submitted", "income_total", "901.39");
        As.readerOf("A7-R").get("/api/v1/summaries/A7-R/2023").then().statusCode(200)
                .body("view", equalTo("approved"))
                .body("tables.find { it.table == '01' }.cells", empty())
                .body("freshness.unitsMissing", equalTo(1));
        As.readerOf("A7-R").get("/api/v1/summaries/A7-R/2023/units").then().body("missing", contains("A7-U")).body("in", empty());

        events.report(EventProducer.seedReport("A7-U"), 1, "approved");
        awaitSummary("A7-R", "approved", "income_total", "901.39");

        // A correction submitted as version 2 changes the working view only; its return changes nothing.
        events.report(EventProducer.seedReport("A7-U", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 2, "submitted");
        events.report(EventProducer.seedReport("A7-U", "\"amount\": \"0.16\"}", "\"amount\": \"0.36\"}"), 2, "returned");
        events.report(EventProducer.seedReport("A7-U", "\"amount\": \"0.16\"}", "\"amount\": \"5.16\"}"), 2, "draft");
        events.node("A7-MARK", "marker", NodeKind.UNIT, "A7-D", 1);
        events.report(EventProducer.seedReport("A7-MARK"), 1, "submitted");
        JsonPath submitted = awaitSummary("A7-R", "submitted", "income_total", "1802.78");
        assertEquals("0.42", amount(submitted, "01", "other_income", "1"));
        JsonPath approved = awaitSummary("A7-R", "approved", "income_total", "901.39");
        assertEquals("0.16", amount(approved, "01", "other_income", "1"));
        As.readerOf("A7-R").get("/api/v1/summaries/A7-R/2023/units?view=approved").then()
                .body("in.find { it.unit == 'A7-U' }.version", equalTo(1));
        As.readerOf("A7-R").get("/api/v1/summaries/A7-R/2023/units?view=submitted").then()
                .body("in.find { it.unit == 'A7-U' }.version", equalTo(2));
    }

    @Test
    void anUnknownViewIsRefused() {
        As.operator();
        As.readerOf(As.OPS).get("/api/v1/summaries/OPS/2023?view=latest").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("view"));
    }

    @Test
    void unknownNodesAndYearsAreProblems() {
        // A node this service does not mirror is in nobody's scope, so even its would-be reader gets 403, not 404.
        As.readerOf("NO-SUCH-NODE").get("/api/v1/summaries/NO-SUCH-NODE/2023").then().statusCode(403)
                .contentType("application/problem+json");
        As.operator().get("/api/v1/summaries/NO-SUCH-NODE/2023").then().statusCode(403);
        As.readerOf(As.OPS).get("/api/v1/summaries/OPS/2031").then().statusCode(404)
                .contentType("application/problem+json");
        // A year that is not four digits is no spelling of a year at all (docs/api.md, "Identifiers").
        As.readerOf(As.OPS).get("/api/v1/summaries/OPS/abc").then().statusCode(422)
                .body("violations.field", contains("year"));
    }

    @Test
    void aNodeWithoutReportsShowsWhoIsMissing() {
        events.tree("A6-R", "A6-D", "A6-U");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("A6-R").get("/api/v1/summaries/A6-R/2023")
                .then().statusCode(200)
                .body("freshness.unitsExpected", equalTo(1))
                .body("freshness.unitsMissing", equalTo(1))
                .body("freshness.unitsIn", equalTo(0)));
        As.readerOf("A6-R").get("/api/v1/summaries/A6-R/2023/units").then().body("missing", contains("A6-U"));
    }

    @Test
    void aRebuildFromTheTopicsGivesIdenticalFigures() {
        events.tree("A8-R", "A8-D", "A8-U1");
        events.node("A8-U2", "第二单位", NodeKind.UNIT, "A8-D", 1);
        events.report(EventProducer.seedReport("A8-U1"), 1, "approved");
        events.report(EventProducer.seedReport("A8-U2", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 1, "submitted");
        events.report(EventProducer.seedReport("A8-U2", "\"amount\": \"0.16\"}", "\"amount\": \"0.36\"}"), 2, "approved");
        awaitSummary("A8-R", "approved", "other_income", "0.52");
        List<String> nodes = List.of("A8-R", "A8-D", "A8-U1", "A8-U2", "A1-431200", "A4-R", "A7-R");
        Map<String, Object> before = new java.util.HashMap<>();
        for (String node : nodes) {
            for (String view : List.of("approved", "submitted")) {
                before.put(node + "/" + view, As.readerOf(node).get("/api/v1/summaries/" + node + "/2023?view=" + view)
                        .then().extract().jsonPath().get("tables"));
            }
        }

        As.operator().post("/api/v1/admin/rebuild").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> As.readerOf("A8-R").get("/api/v1/admin/rebuild")
                .then().statusCode(200).body("phase", equalTo("COMPLETED")));
        for (String node : nodes) {
            for (String view : List.of("approved", "submitted")) {
                assertEquals(before.get(node + "/" + view), As.readerOf(node).get("/api/v1/summaries/" + node + "/2023?view=" + view)
                        .then().log().ifValidationFails().statusCode(200).extract().jsonPath().get("tables"),
                        node + "/" + view);
            }
        }
        assertEquals("1802.78", amount(awaitSummary("A8-R", "approved", "other_income", "0.52"), "01", "income_total", "1"));
    }

    /** The dead-letter records published for a key, as many as expected. */
    private static List<RejectedEvent> deadLetters(String key, int expected) {
        List<RejectedEvent> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + java.util.UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.AGGREGATION_DEAD_LETTERS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(EventCodec.data(EventCodec.decode(r.value()), RejectedEvent.class));
                    }
                });
                return found.size() >= expected;
            });
        }
        return found;
    }

    @Test
    void aConditionalReadIsNotModifiedUntilTheFiguresOrTheTreeChange() {
        events.tree("A12-R", "A12-D", "A12-U");
        events.report(EventProducer.seedReport("A12-U"), 1);
        awaitSummary("A12-R", "income_total", "901.39");
        String url = "/api/v1/summaries/A12-R/2023";

        String first = As.readerOf("A12-R").get(url).then().statusCode(200).extract().header("ETag");
        assertTrue(first.startsWith("W/\""), first);
        As.readerOf("A12-R").header("If-None-Match", first).get(url).then().statusCode(304);
        // The caller is checked before the tag: holding a tag tells an outsider nothing, not even "unchanged".
        As.readerOf("A12-U").header("If-None-Match", first).get(url).then().statusCode(403)
                .contentType("application/problem+json");
        io.restassured.RestAssured.given().header("If-None-Match", first).get(url).then().statusCode(401);
        // A tag is per mode: the consolidated rendering of the same figures is another representation.
        As.readerOf("A12-R").header("If-None-Match", first).get(url + "?mode=consolidated").then().statusCode(200);

        events.report(EventProducer.seedReport("A12-U", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 2);
        awaitSummary("A12-R", "other_income", "0.26");
        String corrected = As.readerOf("A12-R").header("If-None-Match", first).get(url).then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount", equalTo("0.26"))
                .extract().header("ETag");
        assertNotEquals(first, corrected);

        // A unit joins the tree without a report: the figures stay, the units expected do not.
        events.node("A12-U2", "新单位", NodeKind.UNIT, "A12-D", 1);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("A12-R").header("If-None-Match", corrected).get(url).then().statusCode(200)
                        .body("freshness.unitsExpected", equalTo(2)).body("freshness.unitsMissing", equalTo(1))
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                                equalTo("901.39")));
    }

    private static JsonPath awaitSummary(String node, String row, String expected) {
        return awaitSummary(node, "approved", row, expected);
    }

    private static JsonPath awaitSummary(String node, String view, String row, String expected) {
        String url = "/api/v1/summaries/" + node + "/2023?view=" + view;
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf(node).get(url).then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == '" + row + "' }.amount",
                                equalTo(expected)));
        return As.readerOf(node).get(url).then().extract().jsonPath();
    }

    private static String amount(JsonPath summary, String table, String row, String col) {
        return summary.getString("tables.find { it.table == '" + table + "' }.cells.find { it.row == '" + row
                + "' && it.col == '" + col + "' }.amount");
    }
}
