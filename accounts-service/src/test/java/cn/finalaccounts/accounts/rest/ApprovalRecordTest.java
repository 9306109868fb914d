package cn.finalaccounts.accounts.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An approval is a record, not a state (审核通过是一条记录，不是一个状态): a reviewer approves a version, another
 * returns it for a correction, and the version still says who approved it, when and why; its trail lists both
 * decisions in order; and no row of the decision trail is ever changed or removed.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
class ApprovalRecordTest {
    private static final String TRAIL = "SELECT id, unit_code, fiscal_year, version, from_state, to_state, actor, note, at"
            + " FROM report_transition ORDER BY id";

    @Inject
    TableCounts counts;

    @Test
    void aReturnAfterApprovalKeepsTheApproverTimeAndReasonAndAppendsTheReturn() {
        SeedFixture.registerTree("AR1-R", "AR1-D", "AR1-U");
        String reports = "/api/v1/units/AR1-U/reports/2023";
        given().contentType(ContentType.JSON).body(SeedFixture.report2023("AR1-U")).put(reports).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过，数据与批复一致\"}")
                .post(reports + "/approve").then().statusCode(200).body("state", equalTo("approved"));

        JsonPath approved = given().get(reports + "/versions/1").then().statusCode(200)
                .body("approval.by", equalTo("李审核"))
                .body("approval.reason", equalTo("审核通过，数据与批复一致"))
                .body("approval.at", notNullValue())
                .extract().jsonPath();
        String approvedAt = approved.getString("approval.at");
        List<List<String>> trailBefore = counts.rows(TRAIL);

        given().contentType(ContentType.JSON).body("{\"by\": \"王审核\", \"reason\": \"请更正09表预算数合计\"}")
                .post(reports + "/return").then().statusCode(200).body("state", equalTo("returned"));

        given().get(reports + "/versions/1").then().statusCode(200)
                .body("state", equalTo("returned"))
                // the approval is still there, word for word and to the millisecond
                .body("approval.by", equalTo("李审核"))
                .body("approval.at", equalTo(approvedAt))
                .body("approval.reason", equalTo("审核通过，数据与批复一致"))
                // the latest reviewer decision, as decidedBy has always meant
                .body("decidedBy", equalTo("王审核"))
                .body("decisionNote", equalTo("请更正09表预算数合计"))
                .body("decisions.decision", contains("submit", "approve", "return"))
                .body("decisions.by", contains("张会计", "李审核", "王审核"))
                .body("decisions.from", contains("draft", "submitted", "approved"))
                .body("decisions.to", contains("submitted", "approved", "returned"))
                .body("decisions[1].at", equalTo(approvedAt))
                .body("decisions[1].reason", equalTo("审核通过，数据与批复一致"))
                .body("decisions[2].reason", equalTo("请更正09表预算数合计"));
        given().get(reports + "/versions").then().statusCode(200)
                .body("[0].approval.by", equalTo("李审核"))
                .body("[0].approval.at", equalTo(approvedAt))
                .body("[0].decisions.decision", contains("submit", "approve", "return"));

        // The unit corrects and submits again; version 2 starts its own trail, version 1 keeps all of its own.
        // (09表 预算数 合计 corrected, so A19 fires no more and its waiver goes)
        // (a header carries ISO-8859-1 only, so the account name rather than the person's name)
        given().contentType(ContentType.JSON).header("X-Actor", "zhang.kuaiji")
                .body(SeedFixture.report2023("AR1-U").replace("{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"8.03\"}",
                        "{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"1.20\"}"))
                .put(reports).then().statusCode(200).body("state", equalTo("draft"));
        given().contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS.replace(
                        ",\n {\"rule\": \"A19\", \"cell\": \"09.sangong.1\", \"reason\": \"预算数合计8.03与分项不符，以情况说明1.2为准\"}", "")
                        + "}")
                .post(reports + "/submit").then().statusCode(200).body("version", equalTo(2));
        given().get(reports + "/versions/1").then()
                .body("decisions.decision", contains("submit", "approve", "return", "edit"))
                .body("decisions[3].by", equalTo("zhang.kuaiji"))
                .body("approval.by", equalTo("李审核"));
        given().get(reports + "/versions/2").then()
                .body("decisions.decision", contains("submit"))
                .body("approval", equalTo(null))
                .body("decidedBy", equalTo(null));

        // Appended, never rewritten: every row there before is there after, unchanged, and only new rows follow.
        List<List<String>> trailAfter = counts.rows(TRAIL);
        assertEquals(trailBefore, trailAfter.subList(0, trailBefore.size()));
        List<List<String>> appended = trailAfter.subList(trailBefore.size(), trailAfter.size());
        assertEquals(List.of("approved>returned", "returned>draft", "draft>submitted"),
                appended.stream().map(r -> r.get(4) + ">" + r.get(5)).toList());
        assertTrue(appended.stream().allMatch(r -> r.get(1).equals("AR1-U")));
    }

    @Test
    void aLoadedTrailRowThatIsChangedIsNotWrittenBack() {
        SeedFixture.registerTree("AR2-R", "AR2-D", "AR2-U");
        String reports = "/api/v1/units/AR2-U/reports/2023";
        given().contentType(ContentType.JSON).body(SeedFixture.report2023("AR2-U")).put(reports).then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过\"}")
                .post(reports + "/approve").then().statusCode(200);
        List<List<String>> before = counts.rows(TRAIL);

        // Code that tried to "correct" an approval in place would go through the entity: it must not reach the table.
        QuarkusTransaction.requiringNew().run(() -> {
            ReportTransition approval = ReportTransition.of("AR2-U", 2023, 1).get(1);
            assertNotNull(approval.actor);
            approval.actor = "篡改者";
            approval.note = "rewritten";
        });

        assertEquals(before, counts.rows(TRAIL));
        given().get(reports + "/versions/1").then()
                .body("approval.by", equalTo("李审核"))
                .body("decisions", hasSize(2));
    }
}
