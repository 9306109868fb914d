package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.FundStatisticsChanged;
import cn.finalaccounts.fiscal.events.ProjectChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Project funds and fund statistics from performance-service's events, summed per node, exactly once. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class PerformanceSummaryTest {

    @Test
    void projectsAreSummedAndARepeatedOrOlderRevisionChangesNothing() {
        try (EventProducer events = new EventProducer()) {
            events.node("PF-R", "怀化市", NodeKind.REGION, null, 1);
            events.node("PF-D", "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, "PF-R", 1);
            events.node("PF-U1", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "PF-D", 1);
            events.node("PF-U2", "另一单位", NodeKind.UNIT, "PF-D", 1);
            project(events, "PF-U1", "P02", "105.00", "100.00", "90.00", "良", false, 1);
            project(events, "PF-U1", "P02", "105.00", "105.61", "100.00", "优", false, 2);
            project(events, "PF-U1", "P02", "105.00", "105.61", "100.00", "优", false, 2);
            project(events, "PF-U1", "P02", "105.00", "100.00", "90.00", "良", false, 1);
            project(events, "PF-U2", "P03", "27.50", "27.49", "99.96", "优", true, 1);
            project(events, "PF-U2", "P04", "0.00", "0.00", null, null, false, 1);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("PF-R").get("/api/v1/summaries/PF-R/2023/performance")
                .then().statusCode(200).body("projects", equalTo(3)).body("spent", equalTo("133.10")));
        As.readerOf("PF-D").get("/api/v1/summaries/PF-D/2023/performance").then()
                .body("fullYearBudget", equalTo("132.50"))
                // Σ spent / Σ budget = 133.10 / 132.50, not the mean of 100.58 and 99.96.
                .body("executionRate", equalTo("100.45"))
                .body("behindSchedule", equalTo(1))
                .body("overBudget", equalTo(1))
                .body("scoreDistribution.优", equalTo(2))
                .body("scoreDistribution.未评分", equalTo(1))
                .body("byUnit.unit", contains("PF-U1", "PF-U2"))
                .body("byUnit[1].executionRate", equalTo("99.96"))
                .body("projectsBehindSchedule", contains("PF-U2/P03 P03"));
        As.readerOf("PF-U2").get("/api/v1/summaries/PF-U2/2023/performance").then().body("projects", equalTo(2));
        As.readerOf("NOPE").get("/api/v1/summaries/NOPE/2023/performance").then().statusCode(403);
    }

    @Test
    void fundStatisticsAreSummedByLevelAndTheSumsAreChecked() {
        try (EventProducer events = new EventProducer()) {
            events.node("FD-P", "湖南省", NodeKind.REGION, null, 1);
            events.node("FD-A", "怀化市", NodeKind.REGION, "FD-P", 1);
            events.node("FD-B", "另一市", NodeKind.REGION, "FD-P", 1);
            fund(events, "FD-A", "全市", "58.41", "46874", "85766", "1320", 1);
            fund(events, "FD-A", "市本级", "17.89", "20955", "57909", "383", 1);
            fund(events, "FD-A", "市本级", "17.89", "20955", "57909", "383", 1);
            fund(events, "FD-B", "全市", "10.00", "1000", "900", "100", 1);
            fund(events, "FD-B", "市本级", "70.00", "500", "400", "50", 1);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("FD-P").get("/api/v1/summaries/FD-P/2023/funds")
                .then().statusCode(200).body("funds[0].regions", equalTo(2)));
        As.readerOf("FD-P").get("/api/v1/summaries/FD-P/2023/funds").then()
                .body("funds[0].fundLabel", equalTo("工伤保险"))
                .body("funds[0].levels.level", contains("全市", "市本级"))
                .body("funds[0].levels[0].insured", equalTo("68.41"))
                .body("funds[0].levels[0].totalIncome", equalTo("47874.00"))
                .body("funds[0].levels[1].insured", equalTo("87.89"))
                // The sums of 市本级 exceed 全市 in 参保人数: warned on the province.
                .body("funds[0].findings.rule", contains("E2"))
                .body("funds[0].findings[0].figure", equalTo("参保人数"));
        As.readerOf("FD-A").get("/api/v1/summaries/FD-A/2023/funds").then()
                .body("funds[0].levels[1].insured", equalTo("17.89"))
                .body("funds[0].findings.size()", equalTo(0));
    }

    @Test
    void aRebuildFromTheTopicsGivesTheSameProjectAndFundSummaries() {
        try (EventProducer events = new EventProducer()) {
            events.node("RB-R", "怀化市", NodeKind.REGION, null, 1);
            events.node("RB-U", "怀化市养老和工伤保险服务中心", NodeKind.UNIT, "RB-R", 1);
            project(events, "RB-U", "P01", "20.00", "20.00", "100.00", "优", false, 1);
            project(events, "RB-U", "P02", "105.00", "105.61", "100.00", "优", false, 3);
            fund(events, "RB-R", "全市", "58.41", "46874", "85766", "1320", 2);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/funds")
                .then().statusCode(200).body("funds.size()", equalTo(1)));
        Object projects = As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/performance").then().extract().jsonPath().get("$");
        Object funds = As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/funds").then().extract().jsonPath().get("$");

        As.operator().post("/api/v1/admin/rebuild").then().statusCode(202);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> As.readerOf("RB-R").get("/api/v1/admin/rebuild")
                .then().statusCode(200).body("phase", equalTo("COMPLETED")));
        org.junit.jupiter.api.Assertions.assertEquals(projects,
                As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/performance").then().extract().jsonPath().get("$"));
        org.junit.jupiter.api.Assertions.assertEquals(funds,
                As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/funds").then().extract().jsonPath().get("$"));
        As.readerOf("RB-R").get("/api/v1/summaries/RB-R/2023/performance").then().body("spent", equalTo("125.61"));
    }

    private static void project(EventProducer events, String unit, String code, String budget, String spent, String score,
            String grade, boolean behind, long revision) {
        events.raw(Topics.PERFORMANCE_PROJECTS, unit, EventCodec.encode(ProjectChanged.TYPE, ProjectChanged.CONTRACT_VERSION,
                new ProjectChanged(unit, 2023, code, code, "本年财政拨款", new BigDecimal(budget), new BigDecimal(budget),
                        new BigDecimal(spent), score, grade, behind, revision)));
    }

    private static void fund(EventProducer events, String region, String level, String insured, String income,
            String expense, String balance, long revision) {
        events.raw(Topics.PERFORMANCE_FUNDS, region, EventCodec.encode(FundStatisticsChanged.TYPE,
                FundStatisticsChanged.CONTRACT_VERSION, new FundStatisticsChanged(2023, region, "work-injury", level,
                        insured, null, null, income, null, expense, null, balance, revision)));
    }
}
