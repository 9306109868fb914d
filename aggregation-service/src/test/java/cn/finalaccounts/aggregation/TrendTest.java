package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's trend: a department's and its units' headline figures over the open years, each year read
 * through its own named figures; and the year's named figures themselves.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TrendTest {
    private static final EventProducer EVENTS = new EventProducer();
    private static boolean published;

    @BeforeEach
    void twoYearsOfTwoUnits() {
        if (published) {
            return;
        }
        published = true;
        Year2024.open();

        EVENTS.node("TR-D", "部门", NodeKind.DEPARTMENT, null, 1);
        EVENTS.node("TR-A", "甲单位", NodeKind.UNIT, "TR-D", 1);
        EVENTS.node("TR-B", "乙单位", NodeKind.UNIT, "TR-D", 1);
        EVENTS.report(report("TR-A", 2023, "100.00", "60.00"), 1);
        EVENTS.report(report("TR-B", 2023, "50.00", "50.00"), 1);
        EVENTS.report(report("TR-A", 2024, "120.50", "70.25"), 1);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("TR-D")
                .get("/api/v1/summaries/TR-D/2024").then().statusCode(200).body("freshness.unitsIn", equalTo(1)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf("TR-D")
                .get("/api/v1/summaries/TR-D/2023").then().statusCode(200).body("freshness.unitsIn", equalTo(2)));
    }

    @Test
    void theDepartmentAndEachUnitYearByYear() {
        As.readerOf("TR-D").get("/api/v1/summaries/TR-D/trend").then().statusCode(200)
                .body("node", equalTo("TR-D")).body("view", equalTo("approved"))
                .body("years", contains(2023, 2024))
                .body("figures.id", contains("income_total", "expense_total", "basic_expense", "project_expense",
                        "fiscal_appropriation_income", "sangong_total"))
                .body("figures[0].zh", equalTo("本年收入合计"))
                .body("series.node", contains("TR-D", "TR-A", "TR-B"))
                .body("series[0].years[0].figures.income_total", equalTo("150.00"))
                .body("series[0].years[0].figures.basic_expense", equalTo("110.00"))
                .body("series[0].years[1].figures.income_total", equalTo("120.50"))
                .body("series[0].years[1].figures.basic_expense", equalTo("70.25"))
                .body("series[0].years[1].figures.sangong_total", nullValue())
                .body("series[1].years.year", contains(2023, 2024))
                .body("series[1].years.figures.income_total", contains("100.00", "120.50"))
                .body("series[2].years[1].figures.income_total", nullValue());
    }

    @Test
    void aYearsHeadlineFiguresByNameAndTheTrendIsReadOnlyInScope() {
        As.readerOf("TR-A").get("/api/v1/years/2024/figures").then().statusCode(200)
                .body("year", equalTo(2024))
                .body("figures.find { it.id == 'income_total' }.zh", equalTo("本年收入合计"))
                .body("figures.find { it.id == 'project_expense' }.table", equalTo("03"))
                .body("figures.find { it.id == 'project_expense' }.row", equalTo("total"))
                .body("figures.find { it.id == 'project_expense' }.col", equalTo("3"));
        As.readerOf("TR-A").get("/api/v1/years").then().statusCode(200).body("years", contains(2023, 2024));
        As.readerOf("TR-A").get("/api/v1/years/2031/figures").then().statusCode(404);
        As.readerOf("TR-A").get("/api/v1/summaries/TR-D/trend").then().statusCode(403);
        RestAssured.given().get("/api/v1/summaries/TR-D/trend").then().statusCode(401);
        As.readerOf("TR-D").get("/api/v1/summaries/TR-D/trend?view=everything").then().statusCode(422);
    }

    /** 01表 本年收入合计 and 03表 合计 基本支出 (the rest of the figures absent). */
    private static cn.finalaccounts.fiscal.report.ReportBody report(String unit, int year, String income, String basic) {
        return EventProducer.parse("{\"unit\": \"" + unit + "\", \"year\": " + year + ", \"amountUnit\": \"万元\","
                + " \"tables\": [{\"table\": \"01\", \"cells\": [{\"row\": \"income_total\", \"col\": \"1\", \"amount\": \""
                + income + "\"}]}, {\"table\": \"03\", \"cells\": [{\"row\": \"total\", \"col\": \"2\", \"amount\": \""
                + basic + "\"}]}]}");
    }
}
