package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/years/{year}/dry-run}: the operator sends 2024's lists and sees what opening 2024 would do
 * against 2023, and every reason it cannot, before anything is opened (docs/years.md).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class YearDryRunTest {
    private static final String DRY_RUN = "/api/v1/years/2024/dry-run";

    @Inject
    TableCounts counts;

    @Test
    void twentyTwentyThreesListWithTheNewKuanWouldOpenAndNothingIsWritten() throws IOException {
        String functional = bundled("functional") + "22006,款,耕地保护考核奖惩基金支出,220,high,\n";
        Map<String, Long> before = counts.snapshot();

        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional)))
                .post(DRY_RUN).then().statusCode(200)
                .body("year", equalTo(2024)).body("previousYear", equalTo(2023)).body("opens", equalTo(true))
                .body("inherited", contains("economic"))
                .body("changes.functional.added.code", contains("22006"))
                .body("changes.functional.added[0].name", equalTo("耕地保护考核奖惩基金支出"))
                .body("changes.functional.added[0].level", equalTo("款"))
                .body("changes.functional.discontinued", empty())
                .body("problems", empty());

        assertEquals(before, counts.snapshot());
    }

    @Test
    void eachProblemNamesItsFileLineAndColumn() throws IOException {
        String functional = bundled("functional") + "2200601,项,一个没有款的项,22006,high,\n";
        int line = functional.split("\n").length;

        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional),
                "mappings", Map.of("functional", "old,new\n2080199,2080190\n")))
                .post(DRY_RUN).then().statusCode(200).body("opens", equalTo(false))
                .body("problems.size()", equalTo(2))
                .body("problems[0].file", equalTo("functional.csv")).body("problems[0].line", equalTo(line))
                .body("problems[0].column", equalTo("科目编码"))
                .body("problems[0].reason", equalTo("the 项 2200601 hangs under 22006, which the file does not list"))
                .body("problems[1].file", equalTo("functional-mapping.csv")).body("problems[1].line", equalTo(2))
                .body("problems[1].reason", equalTo("2080190 is not in this year's functional list"));
    }

    @Test
    void anOpenYearAYearWithoutItsPredecessorABadBodyAndAnyoneButTheOperatorAreRefused() {
        Map<String, Object> body = Map.of("lists", Map.of("economic", "code,name\n301,工资福利支出\n"));
        as(Person.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/years/2023/dry-run").then()
                .statusCode(409).contentType("application/problem+json");
        as(Person.operator()).contentType(ContentType.JSON).body(body).post("/api/v1/years/2026/dry-run").then()
                .statusCode(404).contentType("application/problem+json");
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of())).post(DRY_RUN).then()
                .statusCode(422).body("violations[0].field", equalTo("lists"));
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("fiscal", "code,name\n")))
                .post(DRY_RUN).then().statusCode(422).body("violations[0].field", equalTo("lists.fiscal"))
                .body("violations[0].reason", equalTo("not a classification: functional or economic"));
        for (Person p : new Person[] {Person.admin("YR-R"), Person.reader("YR-R")}) {
            as(p).contentType(ContentType.JSON).body(body).post(DRY_RUN).then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(body).post(DRY_RUN).then().statusCode(401);
    }

    @Test
    void aProblemThatIsNoLineOfAFileGivenHasNoLine() {
        // The economic list without 303: the inherited template's 人员经费合计 = 301 + 303 names it.
        String economic = "code,name\n301,工资福利支出\n30101,基本工资\n302,商品和服务支出\n";
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("economic", economic)))
                .post(DRY_RUN).then().statusCode(200).body("opens", equalTo(false))
                .body("problems.find { it.file == 'templates.json' && it.column == 'table 06, row personnel_total' }"
                        + ".line", nullValue())
                .body("problems.find { it.file == 'templates.json' && it.column == 'table 06, row personnel_total' }"
                        + ".reason", equalTo("names 303, which the new lists no longer have"));
    }

    private static String bundled(String classification) throws IOException {
        try (InputStream in = YearDryRunTest.class.getResourceAsStream("/fiscal/2023/" + classification + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
