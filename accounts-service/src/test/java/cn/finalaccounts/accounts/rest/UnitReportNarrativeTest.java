package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** GET …/units/{code}/reports/{year}/narrative: the 情况说明 of the working copy, as JSON, plain text or Markdown. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class UnitReportNarrativeTest {
    static final String URL = "/api/v1/units/NR1-U/reports/2023/narrative";

    private static boolean seeded;

    /** The seed report, once per test class (the tree can be registered only once). */
    static synchronized void seed() {
        if (seeded) {
            return;
        }
        SeedFixture.registerTree("NR1-R", "NR1-D", "NR1-U");
        as(Person.filler("NR1-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("NR1-U"))
                .put("/api/v1/units/NR1-U/reports/2023").then().statusCode(201);
        seeded = true;
    }

    @Test
    void theJsonHasTheSectionsTheirTextAndEveryFigureWithItsCells() {
        seed();
        as(Person.reader("NR1-D")).get(URL).then().statusCode(200).contentType(ContentType.JSON)
                .body("unit", equalTo("NR1-U"))
                .body("year", equalTo(2023))
                .body("sections[0].heading", equalTo("一、收入支出决算总体情况说明"))
                .body("sections[0].text", equalTo("2023年度收、支总计901.39万元。"))
                .body("sections[0].figures[0].text", equalTo("901.39万元"))
                .body("sections[0].figures[0].value", equalTo("901.39"))
                .body("sections[0].figures[0].cells", equalTo(List.of(
                        java.util.Map.of("year", 2023, "table", "01", "row", "income_grand_total", "col", "1"))))
                // N1: 97.31%, from 05表 小计 and N 年初预算
                .body("sections[4].subsections[2].text", startsWith(
                        "2023年度财政拨款支出年初预算数为926.13万元，支出决算数为901.23万元，完成年初预算的97.31%，其中："))
                .body("sections[4].subsections[2].figures.find { it.text == '97.31%' }.cells.table",
                        equalTo(List.of("05", "N")))
                // N2, N4, N6: 基本支出 = 06表 人员经费 618.14 + 公用经费 77.58
                .body("sections[5].figures[0].text", equalTo("695.72万元"))
                .body("sections[5].figures[0].cells.row", equalTo(List.of("personnel_total", "public_total")))
                .body("sections[5].figures[1].text", equalTo("618.14万元"))
                // N3: “三公” 预算 8.03 from 09表, 完成 14.94%
                .body("sections[6].subsections[0].text", startsWith(
                        "“三公”经费财政拨款支出预算为8.03万元，支出决算为1.20万元，完成预算的14.94%，其中："))
                // N5: the unit is 参公, so 机关运行经费 is 06表 公用经费合计
                .body("sections[9].text", equalTo("本部门2023年度机关运行经费支出77.58万元。"))
                .body("sections[13].gaps[0]", equalTo("部门职责、整体支出绩效与项目绩效（不在公开表中）"));
    }

    @Test
    void plainTextAndMarkdownOnRequest() {
        seed();
        Person reader = Person.reader("NR1-D");
        as(reader).accept("text/plain").get(URL).then().statusCode(200).contentType(startsWith("text/plain"))
                .body(startsWith("2023年度部门决算情况说明\n\n一、收入支出决算总体情况说明\n2023年度收、支总计901.39万元。\n"))
                .body(containsString("完成年初预算的97.31%"));
        as(reader).get(URL + "?format=text").then().statusCode(200).contentType(startsWith("text/plain"))
                .body(containsString("人员经费618.14万元，占基本支出的88.85%"));
        as(reader).get(URL + "?format=md").then().statusCode(200).contentType(startsWith("text/markdown"))
                .body(startsWith("# 2023年度部门决算情况说明\n\n## 一、收入支出决算总体情况说明\n\n2023年度收、支总计901.39万元。\n"));
        as(reader).accept("text/markdown").get(URL).then().statusCode(200).contentType(startsWith("text/markdown"));
        // No preference: JSON.
        as(reader).accept("*/*").get(URL).then().statusCode(200).contentType(ContentType.JSON);
        // The report itself has no text form.
        as(reader).get("/api/v1/units/NR1-U/reports/2023?format=text").then().statusCode(406);
        as(reader).get(URL + "?format=pdf").then().statusCode(422)
                .body("violations[0].field", equalTo("format"));
    }

    @Test
    void readingTheNarrativeNeedsReadOnTheUnit() {
        seed();
        RestAssured.given().get(URL).then().statusCode(401);
        as(Person.reader("SOMEWHERE-ELSE")).get(URL).then().statusCode(403);
        as(Person.filler("NR1-U")).get(URL).then().statusCode(200);
        as(Person.filler("NR1-U")).get("/api/v1/units/NR1-U/reports/2022/narrative").then().statusCode(404);
    }
}
