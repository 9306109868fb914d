package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * A system that sends thousands of reports asks {@code Prefer: return=minimal} (RFC 7240): each write answers its
 * state, version, revision and findings without echoing the tables it has just sent. Without the preference the
 * answer is the working copy whole, as before.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ReturnMinimalTest {
    @Test
    void aSaveAndItsSubmissionAnswerTheFindingsWithoutTheTables() {
        SeedFixture.registerTree("PM1-R", "PM1-D", "PM1-U");
        Person filler = Person.filler("PM1-U");

        as(filler).contentType(ContentType.JSON).header("Prefer", "return=minimal")
                .body(SeedFixture.report2023("PM1-U"))
                .put("/api/v1/units/PM1-U/reports/2023")
                .then().statusCode(201)
                .header("Preference-Applied", "return=minimal")
                .body("tables", nullValue())
                .body("state", equalTo("draft"))
                .body("revision", equalTo(1))
                .body("findingCounts.errors", equalTo(7))
                .body("findingCounts.warnings", equalTo(2))
                .body("findings.find { it.rule == 'A7.05' }.difference", equalTo("-0.60"));
        // The tables were stored all the same.
        as(filler).get("/api/v1/units/PM1-U/reports/2023").then().statusCode(200)
                .header("Preference-Applied", nullValue())
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'general_budget_appropriation' }.amount",
                        equalTo("901.23"));

        as(filler).contentType(ContentType.JSON).header("Prefer", "respond-async, RETURN = \"minimal\"; foo=bar")
                .body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/PM1-U/reports/2023/submit")
                .then().statusCode(200)
                .header("Preference-Applied", "return=minimal")
                .body("tables", nullValue())
                .body("state", equalTo("submitted"))
                .body("version", equalTo(1))
                .body("findings.findAll { it.severity == 'warning' }.rule", containsInAnyOrder("B15", "B16"));
    }

    @Test
    void withoutThePreferenceOrWithAnotherTheAnswerIsTheWholeReport() {
        SeedFixture.registerTree("PM2-R", "PM2-D", "PM2-U");
        Person filler = Person.filler("PM2-U");
        Person reviewer = Person.reviewer("PM2-D");

        as(filler).contentType(ContentType.JSON).header("Prefer", "return=representation")
                .body(SeedFixture.report2023("PM2-U"))
                .put("/api/v1/units/PM2-U/reports/2023")
                .then().statusCode(201)
                .header("Preference-Applied", nullValue())
                .body("tables.find { it.table == '05' }.cells.find { it.row == '2080109' && it.col == '2' }.amount",
                        equalTo("515.83"));
        as(filler).contentType(ContentType.JSON)
                .body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/PM2-U/reports/2023/submit")
                .then().statusCode(200)
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount",
                        equalTo("0.16"));

        // A preference that means nothing is no preference: the whole report, never a failure.
        as(filler).contentType(ContentType.JSON).header("Prefer", ";;=,return,=minimal,返回=最小")
                .body(SeedFixture.report2023("PM2-U"))
                .put("/api/v1/units/PM2-U/reports/2023")
                .then().statusCode(409) // submitted: the save is refused for its state, as without the header
                .contentType("application/problem+json");

        // A reviewer's decisions take the preference too.
        as(reviewer).contentType(ContentType.JSON).header("Prefer", "return=minimal")
                .body("{\"by\": \"李审核\", \"reason\": \"退回更正\"}")
                .post("/api/v1/units/PM2-U/reports/2023/return")
                .then().statusCode(200)
                .header("Preference-Applied", "return=minimal")
                .body("tables", nullValue())
                .body("state", equalTo("returned"));
    }
}
