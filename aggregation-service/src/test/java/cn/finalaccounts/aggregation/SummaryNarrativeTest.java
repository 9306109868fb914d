package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/summaries/{node}/{year}/narrative: the 情况说明 of a department's 汇总 of two seed units. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class SummaryNarrativeTest {
    private final EventProducer events = new EventProducer();

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void theDepartmentsNarrativeIsWrittenFromItsSummedFigures() {
        events.tree("NS1-R", "NS1-D", "NS1-U");
        events.node("NS1-U2", "第二单位", NodeKind.UNIT, "NS1-D", 1);
        events.report(EventProducer.seedReport("NS1-U"), 1);
        events.report(EventProducer.seedReport("NS1-U2"), 1);
        String url = "/api/v1/summaries/NS1-D/2023/narrative";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("NS1-D").get(url).then().statusCode(200)
                        .body("sections[0].text", equalTo("2023年度收、支总计1802.78万元。")));

        As.readerOf("NS1-D").get(url).then().statusCode(200).contentType(ContentType.JSON)
                .body("unit", equalTo("NS1-D"))
                .body("sections[1].text", equalTo("2023年度收入合计1802.78万元，其中：财政拨款收入1802.46万元，占99.98%；"
                        + "上级补助收入0.00万元，占0.00%；事业收入0.00万元，占0.00%；经营收入0.00万元，占0.00%；"
                        + "附属单位上缴收入0.00万元，占0.00%；其他收入0.32万元，占0.02%。"))
                // 05表 类 rows are derived from the summed 项 rows
                .body("sections[4].subsections[1].text", equalTo("2023年度财政拨款支出1802.46万元，主要用于以下方面："
                        + "社会保障和就业（类）支出1751.04万元，占97.15%；卫生健康（类）支出51.42万元，占2.85%。"))
                .body("sections[4].subsections[2].text", startsWith("2023年度财政拨款支出年初预算数为1852.26万元，"
                        + "支出决算数为1802.46万元，完成年初预算的97.31%，其中："))
                .body("sections[5].figures[0].text", equalTo("1391.44万元"))
                .body("sections[5].figures[0].cells.row", equalTo(List.of("personnel_total", "public_total")))
                .body("sections[6].subsections[0].text", startsWith(
                        "“三公”经费财政拨款支出预算为16.06万元，支出决算为2.40万元，完成预算的14.94%，其中："))
                // A department has no 单位性质: its 机关运行经费 is a gap, not a guess.
                .body("sections[9].text", equalTo("本部门2023年度机关运行经费支出【待补：行政、参公单位的06表公用经费合计（汇总或单位性质未登记时，表中无法区分）】。"))
                .body("sections[9].gaps.size()", equalTo(1));

        As.readerOf("NS1-D").get(url + "?format=text").then().statusCode(200).contentType(startsWith("text/plain"))
                .body(containsString("人员经费1236.28万元，占基本支出的88.85%"));
        As.readerOf("NS1-D").accept("text/markdown").get(url).then().statusCode(200)
                .contentType(startsWith("text/markdown"))
                .body(startsWith("# 2023年度部门决算情况说明\n\n## 一、收入支出决算总体情况说明\n\n2023年度收、支总计1802.78万元。"));
    }

    @Test
    void readingItNeedsReadOnTheNode() {
        events.tree("NS2-R", "NS2-D", "NS2-U");
        events.report(EventProducer.seedReport("NS2-U"), 1);
        String url = "/api/v1/summaries/NS2-D/2023/narrative";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("NS2-D").get(url).then().statusCode(200)
                        .body("sections[0].text", equalTo("2023年度收、支总计901.39万元。")));
        RestAssured.given().get(url).then().statusCode(401);
        As.person(Person.reader("NS1-D")).get(url).then().statusCode(403);
        As.readerOf("NS2-R").get(url).then().statusCode(200);
        As.readerOf("NS2-D").get(url + "?view=nonsense").then().statusCode(422)
                .body("violations[0].field", equalTo("view"));
        As.readerOf("NS2-D").get("/api/v1/summaries/NS2-D/2031/narrative").then().statusCode(404);
    }
}
