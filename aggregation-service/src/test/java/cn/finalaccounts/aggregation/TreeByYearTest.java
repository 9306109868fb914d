package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The tree by year: a node's history (accounts-service's OrgNodeChanged carries it whole) decides where its figures
 * count in each year. A unit moved to another department from 2024 stays in its old department's 2023 汇总, exactly.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TreeByYearTest {
    private static final UnitType CIVIL = UnitType.CIVIL_SERVICE_MANAGED;
    private final EventProducer events = new EventProducer();

    @BeforeEach
    void openThe2024Year() {
        Year2024.open();
    }

    @AfterEach
    void everySummaryOfEveryYearEqualsItsYearsTree() {
        events.close();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf(As.OPS).get("/api/v1/admin/consumer")
                .then().statusCode(200).body("pendingEvents", equalTo(0)));
        As.operator().get("/api/v1/admin/consistency").then().statusCode(200)
                .body("discrepancies", empty()).body("consistent", equalTo(true));
    }

    @Test
    void aUnitMovedFrom2024StaysInItsOldDepartments2023Summary() {
        twoDepartmentsAndAUnitWithTwoYears("Y1");
        awaitIncome("Y1-D1", 2024, "120.50");

        events.node("Y1-U", NodeKind.UNIT, 2, new NodeHistory(List.of(
                new NodeVersion(NodeHistory.ALWAYS, "甲单位", CIVIL, "Y1-D1", false),
                new NodeVersion(2024, "甲单位（划转后）", CIVIL, "Y1-D2", false))));

        awaitIncome("Y1-D2", 2024, "120.50");
        awaitIncome("Y1-D1", 2023, "100.00");
        As.readerOf("Y1-D1").get("/api/v1/summaries/Y1-D1/2024").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells", empty())
                .body("freshness.unitsExpected", equalTo(0));
        As.readerOf("Y1-D2").get("/api/v1/summaries/Y1-D2/2023").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells", empty())
                .body("freshness.unitsExpected", equalTo(0));
        // The region holds the unit in both years, under one department or the other.
        awaitIncome("Y1-R", 2023, "100.00");
        awaitIncome("Y1-R", 2024, "120.50");
    }

    @Test
    void aYearsLineageAndChildrenNameThatYearsTree() {
        twoDepartmentsAndAUnitWithTwoYears("Y2");
        events.node("Y2-U", NodeKind.UNIT, 2, new NodeHistory(List.of(
                new NodeVersion(NodeHistory.ALWAYS, "甲单位", CIVIL, "Y2-D1", false),
                new NodeVersion(2024, "甲单位（划转后）", CIVIL, "Y2-D2", false))));
        awaitIncome("Y2-D2", 2024, "120.50");

        As.readerOf("Y2-R").get("/api/v1/summaries/Y2-R/2023/cells/01/income_total/1/lineage").then().statusCode(200)
                .body("amount", equalTo("100.00"))
                .body("children.node", contains("Y2-D1"))
                .body("units.unit", contains("Y2-U"))
                .body("units.name", contains("甲单位"));
        As.readerOf("Y2-R").get("/api/v1/summaries/Y2-R/2024/cells/01/income_total/1/lineage").then().statusCode(200)
                .body("amount", equalTo("120.50"))
                .body("children.node", contains("Y2-D2"))
                .body("units.name", contains("甲单位（划转后）"));
        As.readerOf("Y2-D1").get("/api/v1/summaries/Y2-D1/2023/children?table=01").then().statusCode(200)
                .body("node", contains("Y2-U")).body("unitsIn", contains(1));
        As.readerOf("Y2-D1").get("/api/v1/summaries/Y2-D1/2024/children?table=01").then().statusCode(200)
                .body("$", empty());
        As.readerOf("Y2-D1").get("/api/v1/summaries/Y2-D1/2023/units").then().statusCode(200)
                .body("missing", empty()).body("in.unit", contains("Y2-U"));
        As.readerOf("Y2-D2").get("/api/v1/summaries/Y2-D2/2024/units").then().statusCode(200)
                .body("in.unit", contains("Y2-U"));
    }

    @Test
    void aChangeWithoutAYearRewritesEveryYearAndARemovalFromAYearKeepsTheYearsBefore() {
        twoDepartmentsAndAUnitWithTwoYears("Y3");
        events.node("Y3-U", NodeKind.UNIT, 2, new NodeHistory(List.of(
                new NodeVersion(NodeHistory.ALWAYS, "甲单位", CIVIL, "Y3-D1", false),
                new NodeVersion(2024, "甲单位", CIVIL, "Y3-D2", false))));
        awaitIncome("Y3-D2", 2024, "120.50");

        // Back under its first department in every year: 2024 returns to it.
        events.node("Y3-U", NodeKind.UNIT, 3, NodeHistory.always("甲单位", CIVIL, "Y3-D1", false));
        awaitIncome("Y3-D1", 2024, "120.50");
        awaitIncome("Y3-D1", 2023, "100.00");
        As.readerOf("Y3-D2").get("/api/v1/summaries/Y3-D2/2024").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells", empty());

        // Closed from 2024: its 2023 figures still count where they did.
        events.node("Y3-U", NodeKind.UNIT, 4, new NodeHistory(List.of(
                new NodeVersion(NodeHistory.ALWAYS, "甲单位", CIVIL, "Y3-D1", false),
                new NodeVersion(2024, "甲单位", CIVIL, "Y3-D1", true))));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("Y3-R")
                .get("/api/v1/summaries/Y3-R/2024").then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells", empty())
                .body("freshness.unitsExpected", equalTo(0)));
        awaitIncome("Y3-D1", 2023, "100.00");
        awaitIncome("Y3-R", 2023, "100.00");
    }

    @Test
    void aUnitThatJoinsTheTreeIn2024IsNotExpectedIn2023() {
        events.node("Y4-R", "怀化市", NodeKind.REGION, null, 1);
        events.node("Y4-D", "部门", NodeKind.DEPARTMENT, "Y4-R", 1);
        events.node("Y4-U", NodeKind.UNIT, 1, new NodeHistory(List.of(
                new NodeVersion(2024, "新设单位", CIVIL, "Y4-D", false))));
        events.report(report("Y4-U", 2024, "30.00"), 1);
        awaitIncome("Y4-D", 2024, "30.00");

        As.readerOf("Y4-D").get("/api/v1/summaries/Y4-D/2023").then().statusCode(200)
                .body("freshness.unitsExpected", equalTo(0))
                .body("name", equalTo("部门"));
        As.readerOf("Y4-D").get("/api/v1/summaries/Y4-D/2024").then().statusCode(200)
                .body("freshness.unitsExpected", equalTo(1));
        As.readerOf("Y4-D").get("/api/v1/summaries/Y4-U/2023").then().statusCode(200)
                .body("name", equalTo("新设单位")).body("tables.find { it.table == '01' }.cells", empty());
    }

    /** Region → two departments; a unit under the first with 2023 and 2024 reports approved. */
    private void twoDepartmentsAndAUnitWithTwoYears(String prefix) {
        events.node(prefix + "-R", "怀化市", NodeKind.REGION, null, 1);
        events.node(prefix + "-D1", "原部门", NodeKind.DEPARTMENT, prefix + "-R", 1);
        events.node(prefix + "-D2", "新部门", NodeKind.DEPARTMENT, prefix + "-R", 1);
        events.node(prefix + "-U", "甲单位", NodeKind.UNIT, prefix + "-D1", 1);
        events.report(report(prefix + "-U", 2023, "100.00"), 1);
        events.report(report(prefix + "-U", 2024, "120.50"), 1);
        awaitIncome(prefix + "-D1", 2023, "100.00");
    }

    private static void awaitIncome(String node, int year, String expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf(node).get("/api/v1/summaries/" + node + "/" + year).then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                                equalTo(expected)));
    }

    /** 01表 本年收入合计 alone. */
    private static ReportBody report(String unit, int year, String income) {
        return EventProducer.parse("{\"unit\": \"" + unit + "\", \"year\": " + year + ", \"amountUnit\": \"万元\","
                + " \"tables\": [{\"table\": \"01\", \"cells\": [{\"row\": \"income_total\", \"col\": \"1\", \"amount\": \""
                + income + "\"}]}]}");
    }
}
