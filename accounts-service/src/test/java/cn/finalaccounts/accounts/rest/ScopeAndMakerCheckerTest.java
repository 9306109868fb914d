package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Where a person may act (their org_node's subtree) and that nobody decides on their own submission. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ScopeAndMakerCheckerTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    TableCounts counts;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aFillerOfOneUnitCannotSaveAnotherUnitsReport() {
        SeedFixture.registerTree("SC1-R", "SC1-D", "SC1-U");
        as(Person.admin("SC1-D")).contentType(ContentType.JSON).body("{\"name\": \"邻居单位\", \"kind\": \"unit\","
                + " \"parent\": \"SC1-D\", \"unitType\": \"事业\"}").put("/api/v1/units/SC1-U2").then().statusCode(201);
        String reports = "/api/v1/units/SC1-U/reports/2023";
        long events = counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'SC1-U'");

        as(Person.filler("SC1-U2")).contentType(ContentType.JSON).body(SeedFixture.report2023("SC1-U")).put(reports)
                .then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("SC1-U is not within SC1-U2"));

        assertEquals(0, counts.count("SELECT COUNT(*) FROM unit_report WHERE unit_code = 'SC1-U'"));
        assertEquals(events, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'SC1-U'"));
        as(Person.filler("SC1-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("SC1-U")).put(reports)
                .then().statusCode(201);
    }

    @Test
    void onePersonWhoIsFillerAndReviewerCannotApproveTheirOwnSubmissionAnotherReviewerCan() {
        SeedFixture.registerTree("SC2-R", "SC2-D", "SC2-U");
        Person both = Person.filler("SC2-D").withRoles("filler", "reviewer");
        String reports = "/api/v1/units/SC2-U/reports/2023";
        as(both).contentType(ContentType.JSON).body(SeedFixture.report2023("SC2-U")).put(reports).then().statusCode(201);
        as(both).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        List<List<String>> before = trail("SC2-U");

        // Typing someone else's name changes nothing: the token's subject is who acts.
        as(both).contentType(ContentType.JSON).body("{\"by\": \"另一位审核人\", \"reason\": \"审核通过\"}")
                .post(reports + "/approve").then().statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("filler-SC2-D submitted version 1"))
                .body("detail", containsString("maker-checker"));
        as(both).contentType(ContentType.JSON).body("{\"reason\": \"自己退回自己\"}")
                .post(reports + "/return").then().statusCode(403).contentType(PROBLEM);

        assertEquals(before, trail("SC2-U"));
        as(both).get(reports).then().body("state", equalTo("submitted")).body("version", equalTo(1));
        Person reviewer = Person.reviewer("SC2-D");
        as(reviewer).contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}").post(reports + "/approve").then()
                .statusCode(200).body("state", equalTo("approved")).body("updatedBy", equalTo(reviewer.username()));
        as(reviewer).get(reports + "/history").then()
                .body("subject", contains(both.subject(), reviewer.subject()));
    }

    /**
     * Issue 20: a person with filler and reviewer roles changed the figures of a version someone else then
     * submitted, and approved it. Whoever saved a revision of the working copy that became the version is a maker.
     */
    @Test
    void whoEditedTheFiguresOfASubmittedVersionMayNeitherApproveNorReturnItAnUnrelatedReviewerMay() {
        SeedFixture.registerTree("SC4-R", "SC4-D", "SC4-U");
        String reports = "/api/v1/units/SC4-U/reports/2023";
        Person filler = Person.filler("SC4-U");
        Person editor = Person.filler("SC4-D").withRoles("filler", "reviewer");
        String seed = SeedFixture.report2023("SC4-U");
        as(filler).contentType(ContentType.JSON).body(seed.replace("\"0.16\"}", "\"0.17\"}")).put(reports).then()
                .statusCode(201);
        // The editor puts the figures the version will carry; the unit's own filler submits them.
        as(editor).contentType(ContentType.JSON).body(seed).put(reports).then().statusCode(200)
                .body("revision", equalTo(2));
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        List<List<String>> before = trail("SC4-U");
        long refusals = counts.count("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'refused'"
                + " AND subject = '" + editor.subject() + "' AND action = 'DECIDE_REPORT'");

        as(editor).contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}").post(reports + "/approve").then()
                .statusCode(403).contentType(PROBLEM)
                .body("detail", containsString("filler-SC4-D edited"))
                .body("detail", containsString("maker-checker"));
        as(editor).contentType(ContentType.JSON).body("{\"reason\": \"请更正\"}").post(reports + "/return").then()
                .statusCode(403).contentType(PROBLEM).body("detail", containsString("maker-checker"));

        assertEquals(before, trail("SC4-U"));
        assertEquals(refusals + 2, counts.count("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'refused'"
                + " AND subject = '" + editor.subject() + "' AND action = 'DECIDE_REPORT'"));
        as(Person.reviewer("SC4-D")).contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}")
                .post(reports + "/approve").then().statusCode(200).body("state", equalTo("approved"));
    }

    /** The same through the workbook: an upload that changes the figures makes its sender a maker. */
    @Test
    void whoUploadedAWorkbookIntoTheVersionMayNotDecideOnIt() {
        SeedFixture.registerTree("SC5-R", "SC5-D", "SC5-U");
        String reports = "/api/v1/units/SC5-U/reports/2023";
        Person filler = Person.filler("SC5-U");
        Person editor = Person.filler("SC5-D").withRoles("filler", "reviewer");
        String seed = SeedFixture.report2023("SC5-U");
        as(filler).contentType(ContentType.JSON).body(seed).put(reports).then().statusCode(201);
        byte[] workbook = UnitReportWorkbookTest.workbookOf(editor, "SC5-U");
        as(filler).contentType(ContentType.JSON).body(seed.replace("\"0.16\"}", "\"0.17\"}")).put(reports).then()
                .statusCode(200);
        as(editor).contentType(UnitReportWorkbookTest.XLSX).body(workbook).put(reports).then().statusCode(200)
                .body("revision", equalTo(3));
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        List<List<String>> before = trail("SC5-U");

        as(editor).contentType(ContentType.JSON).body("{\"reason\": \"请更正\"}").post(reports + "/return").then()
                .statusCode(403).contentType(PROBLEM).body("detail", containsString("maker-checker"));
        as(editor).contentType(ContentType.JSON).body("{}").post(reports + "/approve").then().statusCode(403);

        assertEquals(before, trail("SC5-U"));
        as(Person.reviewer("SC5-D")).contentType(ContentType.JSON).body("{\"reason\": \"请更正\"}")
                .post(reports + "/return").then().statusCode(200).body("state", equalTo("returned"));
    }

    @Test
    void aSubmissionRecordedBeforeSubjectsIsComparedByItsRecordedName() throws Exception {
        SeedFixture.registerTree("SC3-R", "SC3-D", "SC3-U");
        Person filler = Person.filler("SC3-U");
        String reports = "/api/v1/units/SC3-U/reports/2023";
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("SC3-U")).put(reports).then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        // A row as V6 left the ones written before it: the name of who submitted, no subject.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE report_transition SET actor_subject = NULL WHERE unit_code = 'SC3-U'");
        }

        // Another subject under the submitter's username is taken for the submitter; another username is not.
        Person sameName = new Person("someone-else", filler.username(), "SC3-D", List.of("reviewer"));
        as(sameName).contentType(ContentType.JSON).body("{}").post(reports + "/approve").then().statusCode(403)
                .body("detail", containsString("maker-checker"));
        as(Person.reviewer("SC3-D")).contentType(ContentType.JSON).body("{}").post(reports + "/approve").then()
                .statusCode(200);
    }

    @Test
    void aDepartmentsReaderListsOnlyThatDepartmentsSubtree() {
        SeedFixture.registerTree("LS-R", "LS-D1", "LS-U1");
        Person admin = Person.admin("LS-R");
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"教育局\", \"kind\": \"department\", \"parent\": \"LS-R\"}")
                .put("/api/v1/units/LS-D2").then().statusCode(201);
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"某学校\", \"kind\": \"unit\", \"parent\": \"LS-D2\","
                + " \"unitType\": \"事业\"}").put("/api/v1/units/LS-U2").then().statusCode(201);
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"已撤销单位\", \"kind\": \"unit\", \"parent\": \"LS-D1\","
                + " \"unitType\": \"事业\"}").put("/api/v1/units/LS-U3").then().statusCode(201);
        as(admin).delete("/api/v1/units/LS-U3").then().statusCode(200);

        as(Person.reader("LS-D1")).get("/api/v1/units").then().statusCode(200)
                .body("code", contains("LS-D1", "LS-U1", "LS-U3"));
        List<String> all = as(Person.reader("LS-R")).get("/api/v1/units").then().statusCode(200)
                .extract().jsonPath().getList("code");
        assertEquals(List.of("LS-D1", "LS-D2", "LS-R", "LS-U1", "LS-U2", "LS-U3"), all);
        assertTrue(counts.count("SELECT COUNT(*) FROM org_node") > all.size(), "other trees exist and are left out");
        as(Person.reader("LS-D1")).get("/api/v1/units/LS-U2").then().statusCode(403).contentType(PROBLEM);
        as(Person.reader("NOWHERE")).get("/api/v1/units").then().statusCode(403).contentType(PROBLEM);
    }

    private List<List<String>> trail(String unit) {
        List<List<String>> rows = counts.rows("SELECT id, to_state, actor, actor_subject FROM report_transition"
                + " WHERE unit_code = '" + unit + "' ORDER BY id");
        rows.addAll(counts.rows("SELECT revision, state, version, updated_by FROM unit_report WHERE unit_code = '"
                + unit + "'"));
        rows.addAll(counts.rows("SELECT version, state FROM report_version WHERE unit_code = '" + unit + "'"));
        rows.addAll(counts.rows("SELECT COUNT(*) FROM outbox_event WHERE event_key = '" + unit + "'"));
        return rows;
    }
}
