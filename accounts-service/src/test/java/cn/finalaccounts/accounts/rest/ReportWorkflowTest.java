package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a newcomer does in Swagger UI: save the seed, read its findings, waive them with reasons, submit, have
 * someone else approve, and find the version locked; or have it returned, correct it and submit again. The unit's
 * filler saves and submits, a reviewer of its department decides.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
public class ReportWorkflowTest {
    /** The seed's error findings S1–S5 as rule@cell, and a reason for each. */
    public static final String WAIVERS = """
            [{"rule": "A7.05", "cell": "05.total.2", "reason": "按公开表原样录入；基本支出合计差0.60万元"},
             {"rule": "A14", "cell": "05.total.1", "reason": "按公开表原样录入；小计与基本、项目之和差0.60万元"},
             {"rule": "B7", "cell": "05.total.2", "reason": "按公开表原样录入；与06表差0.60万元"},
             {"rule": "A10", "cell": "04.income_grand_total.1", "reason": "公开表04表收入总计未填列"},
             {"rule": "A12", "cell": "04.expense_grand_total.2", "reason": "公开表04表支出总计未填列"},
             {"rule": "A12", "cell": "04.expense_grand_total.3", "reason": "公开表04表支出总计未填列"},
             {"rule": "A19", "cell": "09.sangong.1", "reason": "预算数合计8.03与分项不符，以情况说明1.2为准"}]""";

    @Inject
    TableCounts counts;

    @Test
    void theSeedSavedThroughTheApiHasExactlyTheFiveErrorFindings() {
        SeedFixture.registerTree("W1-R", "W1-D", "W1-U");

        as(Person.filler("W1-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("W1-U"))
                .put("/api/v1/units/W1-U/reports/2023")
                .then().statusCode(201)
                .body("findingCounts.errors", equalTo(7))
                .body("findingCounts.warnings", equalTo(2))
                .body("findings.findAll { it.severity == 'error' }.collect { it.rule + '@' + it.cell.table + '.' + it.cell.row + '.' + it.cell.col }",
                        containsInAnyOrder("A7.05@05.total.2", "A14@05.total.1", "B7@05.total.2",
                                "A10@04.income_grand_total.1", "A12@04.expense_grand_total.2",
                                "A12@04.expense_grand_total.3", "A19@09.sangong.1"))
                .body("findings.find { it.rule == 'A7.05' }.printed", equalTo("695.12"))
                .body("findings.find { it.rule == 'A7.05' }.expected", equalTo("695.72"))
                .body("findings.find { it.rule == 'A7.05' }.difference", equalTo("-0.60"))
                .body("findings.find { it.rule == 'A7.05' }.cell.label", equalTo("公开05表 · 合计 · 本年支出 基本支出"))
                .body("findings.find { it.rule == 'A7.05' }.messageZh", containsString("类 = Σ款"))
                .body("findings.find { it.rule == 'A7.05' }.messageEn", containsString("the sum of its 款"));

        as(Person.reader("W1-D")).get("/api/v1/units/W1-U/reports/2023/findings").then().statusCode(200)
                .body("findingCounts.errors", equalTo(7))
                .body("findings.findAll { it.severity == 'warning' }.rule", containsInAnyOrder("B15", "B16"));
    }

    @Test
    void submittingWithUnwaivedErrorsIsRefusedNamingEachAndStoresNothing() {
        SeedFixture.registerTree("W2-R", "W2-D", "W2-U");
        Person filler = Person.filler("W2-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("W2-U"))
                .put("/api/v1/units/W2-U/reports/2023").then().statusCode(201);
        Map<String, Long> before = counts.snapshot();
        long versions = counts.count("SELECT COUNT(*) FROM report_version");

        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": ["
                        + "{\"rule\": \"A7.05\", \"cell\": \"05.total.2\", \"reason\": \"原表如此，已说明\"},"
                        + "{\"rule\": \"A1\", \"cell\": \"01.income_total.1\", \"reason\": \"没有这个错误\"},"
                        + "{\"rule\": \"A14\", \"cell\": \"05.total.1\", \"reason\": \"\"}]}")
                .post("/api/v1/units/W2-U/reports/2023/submit")
                .then().statusCode(422)
                .contentType("application/problem+json")
                // five errors without any waiver, a waiver for no finding, a waiver without its reason
                .body("violations.field", contains("waivers", "waivers", "waivers", "waivers", "waivers",
                        "waivers[1]", "waivers[2].reason"))
                .body("violations[0].reason", containsString("needs a correction or a waiver"));
        // by is only a label now, but one that fits its column
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"" + "张".repeat(101) + "\", \"waivers\": " + WAIVERS + "}")
                .post("/api/v1/units/W2-U/reports/2023/submit")
                .then().statusCode(422).body("violations.field", contains("by"));

        assertEquals(before, counts.snapshot());
        assertEquals(versions, counts.count("SELECT COUNT(*) FROM report_version"));
        as(filler).get("/api/v1/units/W2-U/reports/2023").then().body("state", equalTo("draft")).body("version", equalTo(0));
    }

    @Test
    void waiveSubmitApproveAndTheVersionIsLocked() {
        SeedFixture.registerTree("W3-R", "W3-D", "W3-U");
        Person filler = Person.filler("W3-U");
        Person reviewer = Person.reviewer("W3-D");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("W3-U"))
                .put("/api/v1/units/W3-U/reports/2023").then().statusCode(201);

        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + WAIVERS + "}")
                .post("/api/v1/units/W3-U/reports/2023/submit")
                .then().statusCode(200).body("state", equalTo("submitted")).body("version", equalTo(1));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("W3-U"))
                .put("/api/v1/units/W3-U/reports/2023")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("awaits review"));
        // The submitter, given the reviewer role too, is still the submitter: the subject decides, not the name.
        as(filler.withRoles("filler", "reviewer")).contentType(ContentType.JSON).body("{\"by\": \"李审核\"}")
                .post("/api/v1/units/W3-U/reports/2023/approve")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("maker-checker"));
        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过\"}")
                .post("/api/v1/units/W3-U/reports/2023/approve")
                .then().statusCode(200).body("state", equalTo("approved")).body("version", equalTo(1));

        Map<String, Long> before = counts.snapshot();
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("W3-U").replace("\"0.16\"}", "\"0.17\"}"))
                .put("/api/v1/units/W3-U/reports/2023")
                .then().statusCode(409).body("detail", containsString("approved as version 1 and is locked"));
        as(reviewer.named("wang")).contentType(ContentType.JSON).body("{\"by\": \"王审核\"}")
                .post("/api/v1/units/W3-U/reports/2023/approve")
                .then().statusCode(409).body("detail", containsString("only a submitted report can be approved"));
        assertEquals(before, counts.snapshot());

        as(filler).get("/api/v1/units/W3-U/reports/2023/versions").then().statusCode(200)
                .body("version", contains(1))
                .body("[0].state", equalTo("approved"))
                .body("[0].submittedBy", equalTo(filler.username()))
                .body("[0].decidedBy", equalTo(reviewer.username()))
                .body("[0].errorFindings", equalTo(7))
                .body("[0].waivers", equalTo(7));
        as(filler).get("/api/v1/units/W3-U/reports/2023/versions/1").then().statusCode(200)
                .body("report.tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount", equalTo("901.39"))
                .body("findings.findAll { it.severity == 'error' }.waiver", everyItem(notNullValue()))
                .body("findings.find { it.rule == 'A19' }.waiver.reason", equalTo("预算数合计8.03与分项不符，以情况说明1.2为准"))
                .body("findings.find { it.rule == 'A19' }.waiver.by", equalTo(filler.username()))
                .body("findings.find { it.rule == 'B16' }.waiver", equalTo(null));
        as(filler).get("/api/v1/units/W3-U/reports/2023/history").then().statusCode(200)
                .body("to", contains("submitted", "approved"))
                .body("by", contains(filler.username(), reviewer.username()))
                .body("subject", contains(filler.subject(), reviewer.subject()))
                .body("label", contains("张会计", "李审核"));
        as(filler).get("/api/v1/units/W3-U/reports/2023/versions/2").then().statusCode(404);

        // A correction after approval: the reviewer returns the approved version; the unit may edit again.
        as(reviewer.named("wang")).contentType(ContentType.JSON)
                .body("{\"by\": \"王审核\", \"reason\": \"请更正09表预算数合计\"}")
                .post("/api/v1/units/W3-U/reports/2023/return")
                .then().statusCode(200).body("state", equalTo("returned")).body("version", equalTo(1));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("W3-U").replace("\"0.16\"}", "\"0.17\"}"))
                .put("/api/v1/units/W3-U/reports/2023").then().statusCode(200).body("state", equalTo("draft"));
        as(filler).get("/api/v1/units/W3-U/reports/2023/history").then()
                .body("to", contains("submitted", "approved", "returned", "draft"))
                .body("decision", contains("submit", "approve", "return", "edit"))
                .body("[2].from", equalTo("approved"));
    }

    @Test
    void aReturnedReportIsEditedAndResubmittedAsTheNextVersion() {
        SeedFixture.registerTree("W4-R", "W4-D", "W4-U");
        Person filler = Person.filler("W4-U");
        Person reviewer = Person.reviewer("W4-R");
        String seed = SeedFixture.report2023("W4-U");
        as(filler).contentType(ContentType.JSON).body(seed).put("/api/v1/units/W4-U/reports/2023").then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + WAIVERS + "}")
                .post("/api/v1/units/W4-U/reports/2023/submit").then().statusCode(200);

        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\"}")
                .post("/api/v1/units/W4-U/reports/2023/return")
                .then().statusCode(422).body("violations[0].field", equalTo("reason"));
        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"09表预算数合计请更正为1.20\"}")
                .post("/api/v1/units/W4-U/reports/2023/return")
                .then().statusCode(200).body("state", equalTo("returned"));

        // The unit corrects 09表 预算数 合计: A19 no longer fires, so its waiver is not needed any more.
        String corrected = seed.replace("{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"8.03\"}",
                "{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"1.20\"}");
        as(filler).contentType(ContentType.JSON).body(corrected).put("/api/v1/units/W4-U/reports/2023")
                .then().statusCode(200).body("state", equalTo("draft")).body("findingCounts.errors", equalTo(6));
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + WAIVERS + "}")
                .post("/api/v1/units/W4-U/reports/2023/submit")
                .then().statusCode(422).body("violations.field", contains("waivers[6]"));
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": "
                        + WAIVERS.replace(",\n {\"rule\": \"A19\", \"cell\": \"09.sangong.1\", \"reason\": \"预算数合计8.03与分项不符，以情况说明1.2为准\"}", "")
                        + "}")
                .post("/api/v1/units/W4-U/reports/2023/submit")
                .then().statusCode(200).body("version", equalTo(2)).body("state", equalTo("submitted"));

        as(reviewer).get("/api/v1/units/W4-U/reports/2023/versions").then()
                .body("version", contains(1, 2))
                .body("state", contains("returned", "submitted"))
                .body("[0].decisionNote", equalTo("09表预算数合计请更正为1.20"));
        as(reviewer).get("/api/v1/units/W4-U/reports/2023/versions/2").then()
                .body("report.tables.find { it.table == '09' }.cells.find { it.col == '1' }.amount", equalTo("1.20"));
        as(reviewer).get("/api/v1/units/W4-U/reports/2023/history").then()
                .body("to", contains("submitted", "returned", "draft", "submitted"));
        assertEquals(4, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'W4-U'"
                + " AND event_type = 'UnitReportChanged'") - 1);
    }

    @Test
    void transitionsOfAReportThatDoesNotExistAre404() {
        SeedFixture.registerTree("W5-R", "W5-D", "W5-U");
        as(Person.filler("W5-U")).contentType(ContentType.JSON).body("{}").post("/api/v1/units/W5-U/reports/2023/submit")
                .then().statusCode(404).contentType("application/problem+json");
        as(Person.reviewer("W5-D")).get("/api/v1/units/W5-U/reports/2023/versions").then().statusCode(404);
        // A unit the service does not know is in nobody's scope, whoever asks.
        as(Person.filler("W5-R")).contentType(ContentType.JSON).body("{}").post("/api/v1/units/NOBODY/reports/2023/submit")
                .then().statusCode(403).contentType("application/problem+json");
        as(Person.admin("W5-R")).get("/api/v1/units/NOBODY/reports/2023/versions").then().statusCode(403);
    }

    @Test
    void referenceDataNeedsAPlatformRoleButNoParticularNode() {
        given().get("/api/v1/rules/2023").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2(new Person("visitor", "visitor", "W1-R", java.util.List.of("offline_access")).token())
                .get("/api/v1/templates/2023").then().statusCode(403).contentType("application/problem+json");
        as(Person.filler("SOMEWHERE-ELSE")).get("/api/v1/catalogue/2023/functional/2080109").then().statusCode(200);
    }

    @Test
    void theRulesAreListedAsAReviewerReadsThem() {
        as(Person.reader("ANYWHERE")).get("/api/v1/rules/2023").then().statusCode(200)
                .body("rules.id", hasSize(40))
                .body("rules.find { it.id == 'B7' }.formulas", contains("T05.total.2 = T06.personnel_total.1 + T06.public_total.1"))
                .body("rules.find { it.id == 'B7' }.severity", equalTo("error"))
                .body("rules.find { it.id == 'B11' }.tolerance", equalTo("0.01/cell"))
                .body("rules.find { it.id == 'B16' }.appliesTo", contains("参公", "行政"))
                .body("inputChecks.id", contains("A20", "A21", "IN1", "IN2"));
        as(Person.reader("ANYWHERE")).get("/api/v1/rules/2031").then().statusCode(404);
    }

    @Test
    void theCatalogueAnswersByCodeAndByName() {
        as(Person.reader("ANYWHERE")).get("/api/v1/catalogue/2023/functional/2080109").then().statusCode(200)
                .body("name", equalTo("社会保险经办机构"))
                .body("level", equalTo("项"))
                .body("path", contains("208 社会保障和就业支出", "20801 人力资源和社会保障管理事务", "2080109 社会保险经办机构"));
        as(Person.reader("ANYWHERE")).get("/api/v1/catalogue/2023/functional/20801").then().statusCode(200)
                .body("children.code", org.hamcrest.Matchers.hasItem("2080109"));
        as(Person.reader("ANYWHERE")).get("/api/v1/catalogue/2023/economic?q=公务接待").then().statusCode(200)
                .body("code", contains("30217"));
        as(Person.reader("ANYWHERE")).get("/api/v1/catalogue/2023/functional/9999999").then().statusCode(404);
        as(Person.reader("ANYWHERE")).get("/api/v1/catalogue/2023/astrology/1").then().statusCode(422)
                .body("violations[0].field", equalTo("classification"));
    }
}
