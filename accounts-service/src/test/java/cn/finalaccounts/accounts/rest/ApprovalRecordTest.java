package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
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
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
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
@QuarkusTestResource(MockIdentityProvider.class)
class ApprovalRecordTest {
    private static final String TRAIL = "SELECT id, unit_code, fiscal_year, version, from_state, to_state, actor,"
            + " actor_subject, actor_label, note, at"
            + " FROM report_transition ORDER BY id";

    @Inject
    TableCounts counts;

    @Test
    void aReturnAfterApprovalKeepsTheApproverTimeAndReasonAndAppendsTheReturn() {
        SeedFixture.registerTree("AR1-R", "AR1-D", "AR1-U");
        Person filler = Person.filler("AR1-U");
        Person li = Person.reviewer("AR1-D").named("li");
        Person wang = Person.reviewer("AR1-R").named("wang");
        String reports = "/api/v1/units/AR1-U/reports/2023";
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("AR1-U")).put(reports).then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        as(li).contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过，数据与批复一致\"}")
                .post(reports + "/approve").then().statusCode(200).body("state", equalTo("approved"));

        JsonPath approved = as(filler).get(reports + "/versions/1").then().statusCode(200)
                .body("approval.by", equalTo("li"))
                .body("approval.subject", equalTo(li.subject()))
                .body("approval.label", equalTo("李审核"))
                .body("approval.reason", equalTo("审核通过，数据与批复一致"))
                .body("approval.at", notNullValue())
                .extract().jsonPath();
        String approvedAt = approved.getString("approval.at");
        List<List<String>> trailBefore = counts.rows(TRAIL);

        as(wang).contentType(ContentType.JSON).body("{\"by\": \"王审核\", \"reason\": \"请更正09表预算数合计\"}")
                .post(reports + "/return").then().statusCode(200).body("state", equalTo("returned"));

        as(filler).get(reports + "/versions/1").then().statusCode(200)
                .body("state", equalTo("returned"))
                // the approval is still there, word for word and to the millisecond
                .body("approval.by", equalTo("li"))
                .body("approval.subject", equalTo(li.subject()))
                .body("approval.at", equalTo(approvedAt))
                .body("approval.reason", equalTo("审核通过，数据与批复一致"))
                // the latest reviewer decision, as decidedBy has always meant
                .body("decidedBy", equalTo("wang"))
                .body("decisionNote", equalTo("请更正09表预算数合计"))
                .body("decisions.decision", contains("submit", "approve", "return"))
                .body("decisions.by", contains(filler.username(), "li", "wang"))
                .body("decisions.subject", contains(filler.subject(), li.subject(), wang.subject()))
                .body("decisions.label", contains("张会计", "李审核", "王审核"))
                .body("decisions.from", contains("draft", "submitted", "approved"))
                .body("decisions.to", contains("submitted", "approved", "returned"))
                .body("decisions[1].at", equalTo(approvedAt))
                .body("decisions[1].reason", equalTo("审核通过，数据与批复一致"))
                .body("decisions[2].reason", equalTo("请更正09表预算数合计"));
        as(wang).get(reports + "/versions").then().statusCode(200)
                .body("[0].approval.by", equalTo("li"))
                .body("[0].approval.at", equalTo(approvedAt))
                .body("[0].decisions.decision", contains("submit", "approve", "return"));

        // The unit corrects and submits again; version 2 starts its own trail, version 1 keeps all of its own.
        // (09表 预算数 合计 corrected, so A19 fires no more and its waiver goes)
        // (an X-Actor header names nobody: the edit is recorded as the token's caller)
        as(filler).contentType(ContentType.JSON).header("X-Actor", "zhang.kuaiji")
                .body(SeedFixture.report2023("AR1-U").replace("{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"8.03\"}",
                        "{\"row\": \"sangong\", \"col\": \"1\", \"amount\": \"1.20\"}"))
                .put(reports).then().statusCode(200).body("state", equalTo("draft"));
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS.replace(
                        ",\n {\"rule\": \"A19\", \"cell\": \"09.sangong.1\", \"reason\": \"预算数合计8.03与分项不符，以情况说明1.2为准\"}", "")
                        + "}")
                .post(reports + "/submit").then().statusCode(200).body("version", equalTo(2));
        as(filler).get(reports + "/versions/1").then()
                .body("decisions.decision", contains("submit", "approve", "return", "edit"))
                .body("decisions[3].by", equalTo(filler.username()))
                .body("decisions[3].subject", equalTo(filler.subject()))
                .body("decisions[3].label", equalTo(null))
                .body("approval.by", equalTo("li"));
        as(filler).get(reports + "/versions/2").then()
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
        Person filler = Person.filler("AR2-U");
        Person reviewer = Person.reviewer("AR2-D");
        String reports = "/api/v1/units/AR2-U/reports/2023";
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("AR2-U")).put(reports).then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\", \"reason\": \"审核通过\"}")
                .post(reports + "/approve").then().statusCode(200);
        List<List<String>> before = counts.rows(TRAIL);

        // Code that tried to "correct" an approval in place would go through the entity: it must not reach the table.
        QuarkusTransaction.requiringNew().run(() -> {
            ReportTransition approval = ReportTransition.of("AR2-U", 2023, 1).get(1);
            assertNotNull(approval.actor);
            approval.actor = "篡改者";
            approval.actorSubject = "someone-else";
            approval.note = "rewritten";
        });

        assertEquals(before, counts.rows(TRAIL));
        as(reviewer).get(reports + "/versions/1").then()
                .body("approval.by", equalTo(reviewer.username()))
                .body("approval.subject", equalTo(reviewer.subject()))
                .body("decisions", hasSize(2));
    }
}
