package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The years (docs/years.md): the operator sends 2024's lists and sees what opening 2024 would do against 2023, and
 * every reason it cannot, before anything is opened; then opens it, all or nothing. The dry runs come first: once
 * 2024 is open, it is open for the rest of this application's run.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@TestProfile(YearResourceTest.OwnApp.class)
class YearResourceTest {
    /** An application of its own, started on an emptied database: no other test class has opened 2024 in it. */
    public static class OwnApp implements QuarkusTestProfile {
    }

    private static final String DRY_RUN = "/api/v1/years/2024/dry-run";
    private static final String YEAR = "/api/v1/years/2024";

    @Inject
    TableCounts counts;

    @Test
    @Order(1)
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
    @Order(1)
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
    @Order(1)
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
    @Order(1)
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

    @Test
    @Order(2)
    void aYearWithAFaultIsNotOpenedAndEachFaultIsNamedWithItsField() throws IOException {
        String functional = bundled("functional") + "22006,款,\u200B,220,high,\n" + "2201,款,四位的编码,220,high,\n";
        int lines = functional.split("\n").length;
        Map<String, Long> before = counts.snapshot();

        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional)))
                .put(YEAR).then().statusCode(422).contentType("application/problem+json")
                .body("violations.field", contains("lists.functional", "lists.functional"))
                .body("violations.reason", contains(equalTo("line " + (lines - 1) + ", 科目名称: the name has no visible"
                        + " character"), startsWith("line " + lines + ", 科目编码: \"2201\" is not a code of the"
                        + " functional classification")));

        assertEquals(before, counts.snapshot());
        as(Person.operator()).get(YEAR).then().statusCode(404);
        as(Person.filler("YR-U")).get("/api/v1/templates/2024").then().statusCode(404);
    }

    @Test
    @Order(3)
    void theOperatorOpensTwentyTwentyFourAndItIsReadWithItsOwnList() throws IOException {
        String functional = bundled("functional") + "22006,款,耕地保护考核奖惩基金支出,220,high,\n";
        for (Person p : new Person[] {Person.admin("YR-R"), Person.reader("YR-R"), Person.filler("YR-U")}) {
            as(p).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional))).put(YEAR)
                    .then().statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional))).put(YEAR)
                .then().statusCode(401);
        assertEquals(0, counts.count("SELECT COUNT(*) FROM opened_year"));

        String digest = as(Person.operator()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", functional))).put(YEAR).then().statusCode(201)
                .body("year", equalTo(2024)).body("previousYear", equalTo(2023)).body("opened", equalTo(true))
                .body("inherited", contains("economic")).body("changes.functional.added.code", contains("22006"))
                .extract().path("contentDigest");

        as(Person.filler("YR-U")).get("/api/v1/years").then().statusCode(200)
                .body("years.year", contains(2023, 2024)).body("years.source", contains("bundled", "opened"))
                .body("years[1].openedBy", equalTo(Person.operator().username()))
                .body("years[1].contentDigest", equalTo(digest));
        as(Person.filler("YR-U")).get("/api/v1/catalogue/2024/functional/22006").then().statusCode(200)
                .body("name", equalTo("耕地保护考核奖惩基金支出")).body("level", equalTo("款"));
        as(Person.filler("YR-U")).get("/api/v1/catalogue/2023/functional/22006").then().statusCode(404);
        as(Person.filler("YR-U")).get("/api/v1/templates/2024").then().statusCode(200);
        as(Person.reader("YR-R")).get(YEAR).then().statusCode(200).body("source", equalTo("opened"))
                .body("files.'functional.csv'", equalTo(functional))
                .body("files.'economic.csv'", equalTo(bundled("economic")))
                .body("files.keySet()", contains("audit-rules.json", "economic.csv", "functional.csv",
                        "named-figures.json", "narrative-rules.json", "templates.json"));
        // The refusals are on the trail too, each with its reason, before the opening.
        assertEquals(List.of(refused(Person.admin("YR-R"), "admin"), refused(Person.reader("YR-R"), "reader"),
                refused(Person.filler("YR-U"), "filler"), List.of("year.open", "years/2024", Person.operator().username(), "opened 2024 after 2023"
                + " from audit-rules.json, economic.csv, functional.csv, named-figures.json, narrative-rules.json,"
                + " templates.json; files " + digest + ", audited with " + as(Person.reader("YR-R")).get(YEAR)
                        .then().extract().path("auditDigest"))),
                counts.rows("SELECT action, resource, username, detail FROM audit_entry WHERE resource = 'years/2024'"
                        + " ORDER BY id"));
    }

    @Test
    @Order(4)
    void theSameFilesAgainChangeNothingAndOtherFilesAreRefused() throws IOException {
        String functional = bundled("functional") + "22006,款,耕地保护考核奖惩基金支出,220,high,\n";
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional)))
                .put(YEAR).then().statusCode(200).body("opened", equalTo(false));
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional",
                bundled("functional")))).put(YEAR).then().statusCode(409).contentType("application/problem+json");
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional", functional)))
                .post(DRY_RUN).then().statusCode(409);

        assertEquals(1, counts.count("SELECT COUNT(*) FROM opened_year"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'year.open'"));
        as(Person.filler("YR-U")).get("/api/v1/catalogue/2024/functional/22006").then().statusCode(200);
    }

    @Test
    @Order(5)
    void twoOperatorsOpeningTheNextYearAtOnceOpenItOnce() throws Exception {
        String economic = bundled("economic");
        Callable<Integer> open = () -> as(Person.operator()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("economic", economic))).put("/api/v1/years/2025").then().extract()
                .statusCode();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> answers = pool.invokeAll(List.of(open, open, open, open));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> a : answers) {
                statuses.add(a.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 200, 200, 201), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, counts.count("SELECT COUNT(*) FROM opened_year WHERE fiscal_year = 2025"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE resource = 'years/2025'"));
    }

    @Test
    @Order(6)
    void theYearBeforeTheFirstOpensFromTheFirstAndNoOtherYearApartDoes() throws IOException {
        // Last year's figures of the platform's first year: 2022, opened from 2023's files.
        as(Person.operator()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", bundled("functional")))).put("/api/v1/years/2022").then()
                .statusCode(201).body("year", equalTo(2022)).body("previousYear", equalTo(2023))
                .body("inherited", contains("economic"));

        as(Person.filler("YR-U")).get("/api/v1/years").then().statusCode(200)
                .body("years.year", contains(2022, 2023, 2024, 2025))
                .body("years[0].previousYear", equalTo(2023));
        as(Person.filler("YR-U")).get("/api/v1/catalogue/2022/functional/2080109").then().statusCode(200);
        assertEquals(1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE resource = 'years/2022'"
                + " AND detail LIKE 'opened 2022 before 2023 from %'"));
        // The same files again (a second start of the demo): open already, nothing changes, still before 2023.
        as(Person.operator()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", bundled("functional")))).put("/api/v1/years/2022").then()
                .statusCode(200).body("opened", equalTo(false)).body("previousYear", equalTo(2023));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM opened_year WHERE fiscal_year = 2022"));
        // 2020 is neither after an open year nor the year before the first (2021 would be).
        as(Person.operator()).contentType(ContentType.JSON)
                .body(Map.of("lists", Map.of("functional", bundled("functional")))).put("/api/v1/years/2020").then()
                .statusCode(404).contentType("application/problem+json")
                .body("detail", containsString("nor is 2020 the year before the first open one"));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM opened_year WHERE fiscal_year = 2020"));
    }

    private static List<String> refused(Person p, String role) {
        return List.of("OPERATE", "years/2024", p.username(), "OPERATE needs role operator; " + p.username() + " has "
                + role);
    }

    private static String bundled(String classification) throws IOException {
        try (InputStream in = YearResourceTest.class.getResourceAsStream("/fiscal/2023/" + classification + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
