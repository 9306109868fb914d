package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * The seed flow on the audit trail (审计记录): the filler saves the seed report and submits it, a reviewer approves
 * it; on the way a filler of another department tries to save it, the filler tries to approve it, and the filler
 * given the reviewer role too tries to approve their own submission. The reviewer reads every one of these, by
 * subject, with its outcome; the filler may not read the trail, and a reviewer of another department sees none.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AuditTrailTest {
    private static final String RESOURCE = "units/AU-U/reports/2023";
    private static final String REPORT = "/api/v1/" + RESOURCE;

    @Inject
    TableCounts counts;

    @Test
    void theSeedFlowIsOnTheTrailWithItsSubjectsAndItsRefusals() {
        SeedFixture.registerTree("AU-R", "AU-D", "AU-U");
        Person admin = Person.admin("AU-R");
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"怀化市教育局\", \"kind\": \"department\","
                + " \"parent\": \"AU-R\"}").put("/api/v1/units/AU-D2").then().statusCode(201);
        Person filler = Person.filler("AU-U");
        Person reviewer = Person.reviewer("AU-D");
        Person strangerFiller = Person.filler("AU-D2");

        as(strangerFiller).contentType(ContentType.JSON).body(SeedFixture.report2023("AU-U")).put(REPORT).then()
                .statusCode(403);
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("AU-U")).put(REPORT).then()
                .statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS
                + "}").post(REPORT + "/submit").then().statusCode(200);
        as(filler).contentType(ContentType.JSON).body("{}").post(REPORT + "/approve").then().statusCode(403);
        as(filler.withRoles("filler", "reviewer")).contentType(ContentType.JSON).body("{\"by\": \"李审核\"}")
                .post(REPORT + "/approve").then().statusCode(403);
        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过\"}")
                .post(REPORT + "/approve").then().statusCode(200);
        String body = counts.rows("SELECT UNCOMPRESS(body) FROM unit_report WHERE unit_code = 'AU-U'").get(0).get(0);

        as(reviewer).queryParam("resource", RESOURCE).get("/api/v1/audit").then().statusCode(200)
                .body("entries.action", contains("SAVE_REPORT", "report.save", "report.submit", "DECIDE_REPORT",
                        "DECIDE_REPORT", "report.approve"))
                .body("entries.outcome", contains("refused", "done", "done", "refused", "refused", "done"))
                .body("entries.subject", contains(strangerFiller.subject(), filler.subject(), filler.subject(),
                        filler.subject(), filler.subject(), reviewer.subject()))
                .body("entries.username", contains(strangerFiller.username(), filler.username(), filler.username(),
                        filler.username(), filler.username(), reviewer.username()))
                .body("entries.scopeNode", everyItem(equalTo("AU-U")))
                .body("entries.resource", everyItem(startsWith(RESOURCE)))
                .body("entries[0].detail", containsString("AU-U is not within AU-D2"))
                .body("entries[1].detail", equalTo("created revision 1, body " + AuditTrail.digest(body)))
                .body("entries[1].method", equalTo("PUT"))
                .body("entries[2].detail", equalTo("version 1 (draft → submitted, revision 1 → 2), 7 waiver(s)"))
                .body("entries[3].detail", containsString("DECIDE_REPORT needs role reviewer"))
                .body("entries[4].detail", containsString("maker-checker"))
                .body("entries[4].roles", equalTo("filler,reviewer"))
                .body("entries[5].detail", equalTo("version 1: submitted → approved: 审核通过"))
                .body("entries[5].callerNode", equalTo("AU-D"));

        // The node's own line is on the trail of the unit, under which the report's lines lie.
        as(admin).queryParam("resource", "units/AU-U").get("/api/v1/audit").then().statusCode(200)
                .body("entries[0].action", equalTo("node.put"))
                .body("entries[0].subject", equalTo(admin.subject()))
                .body("entries[0].detail", equalTo("created revision 1, unit under AU-D"))
                .body("entries.action", contains("node.put", "SAVE_REPORT", "report.save", "report.submit",
                        "DECIDE_REPORT", "DECIDE_REPORT", "report.approve"));
        as(filler).queryParam("resource", RESOURCE).get("/api/v1/audit").then().statusCode(403)
                .contentType("application/problem+json");
        as(Person.reviewer("AU-D2")).queryParam("resource", RESOURCE).get("/api/v1/audit").then().statusCode(200)
                .body("entries", empty());
        assertEquals(3, counts.count("SELECT COUNT(*) FROM audit_entry WHERE resource = '" + RESOURCE
                + "' AND outcome = 'done'"));
    }
}
