package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit (审核) of a working copy is done once per saved body and kept with it: reads and the submission of that
 * body answer with the kept findings, and whenever something else the audit read has changed since — here last
 * year's approved report, which the cross-year rules C1–C2 compare with — they audit again, so a kept audit never
 * hides a finding.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class KeptAuditTest {
    @Inject
    TableCounts counts;

    @Inject
    AgroalDataSource db;

    @Test
    void aReadAnswersExactlyTheFindingsTheSaveAnswered() {
        SeedFixture.registerTree("K1-R", "K1-D", "K1-U");
        Person filler = Person.filler("K1-U");
        List<Map<String, Object>> saved = as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("K1-U"))
                .put("/api/v1/units/K1-U/reports/2023").then().statusCode(201).extract().path("findings");

        List<Map<String, Object>> read = as(filler).get("/api/v1/units/K1-U/reports/2023").then().statusCode(200)
                .body("findingCounts.errors", equalTo(7)).body("findingCounts.warnings", equalTo(2))
                // C1 and C2 say they did not run: there is no report of last year.
                .body("findingCounts.infos", equalTo(2))
                .extract().path("findings");
        List<Map<String, Object>> listed = as(Person.reader("K1-D")).get("/api/v1/units/K1-U/reports/2023/findings")
                .then().statusCode(200).extract().path("findings");

        assertEquals(11, saved.size());
        assertEquals(saved, read);
        assertEquals(saved, listed);
        // Kept with what it was based on: the rule book, the unit's type, and no report of last year to compare.
        String basis = counts.rows("SELECT audit_basis FROM unit_report WHERE unit_code = 'K1-U'").get(0).get(0);
        assertEquals(true, basis.startsWith("rules 2023 "), basis);
        assertEquals(true, basis.endsWith("; unit type 参公; last year none"), basis);
    }

    @Test
    void aSubmissionAfterLastYearsReportChangedGetsTheNewCrossYearFinding() throws SQLException {
        SeedFixture.registerTree("K2-R", "K2-D", "K2-U");
        Person filler = Person.filler("K2-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("K2-U"))
                .put("/api/v1/units/K2-U/reports/2023").then().statusCode(201)
                .body("findings.findAll { it.rule == 'C1' }.severity", contains("info"));

        // Last year's report is approved after this year's was saved: its closing balance of 12.50 must open 2023.
        approveLastYear("K2-U", """
                {"unit": "K2-U", "year": 2022, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "closing_balance", "col": "2", "amount": "12.50"}]}]}""");

        as(filler).get("/api/v1/units/K2-U/reports/2023/findings").then().statusCode(200)
                .body("findingCounts.errors", equalTo(8))
                .body("findings.findAll { it.rule == 'C1' }.severity", contains("error"))
                .body("findings.find { it.rule == 'C1' }.cell.row", equalTo("opening_balance"))
                .body("findings.find { it.rule == 'C1' }.expected", equalTo("12.50"));
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/K2-U/reports/2023/submit")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations.reason", hasItem(containsString("error C1 at")));

        String withC1 = ReportWorkflowTest.WAIVERS.replace("]", ", {\"rule\": \"C1\", \"cell\": \"01.opening_balance.1\","
                + " \"reason\": \"上年决算批复后调整，已在情况说明中说明\"}]");
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + withC1 + "}")
                .post("/api/v1/units/K2-U/reports/2023/submit").then().statusCode(200)
                .body("state", equalTo("submitted")).body("findingCounts.errors", equalTo(8));
        as(filler).get("/api/v1/units/K2-U/reports/2023/versions/1").then().statusCode(200)
                .body("findings.find { it.rule == 'C1' }.expected", equalTo("12.50"))
                .body("findings.find { it.rule == 'C1' }.waiver.rule", equalTo("C1"));
    }

    /** An approved 2022 version, as an earlier year's workflow leaves it (the build has no 2022 template to save). */
    private void approveLastYear(String unit, String body) throws SQLException {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO report_version"
                + " (unit_code, fiscal_year, version, state, body, findings, waivers, submitted_by, submitted_at)"
                + " VALUES (?, 2022, 1, 'approved', COMPRESS(?), '[]', '[]', 'earlier-filler', ?)")) {
            ps.setString(1, unit);
            ps.setString(2, body);
            ps.setTimestamp(3, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
        // Its working copy too, as that workflow leaves it: a version never stands without its report (the snapshot
        // publishes every counted version through its report).
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("INSERT INTO unit_report"
                + " (unit_code, fiscal_year, revision, version, state, amount_unit, cell_count, body, saved_at)"
                + " VALUES (?, 2022, 1, 1, 'approved', '万元', ?, COMPRESS(?), ?)")) {
            ps.setString(1, unit);
            ps.setInt(2, body.split("\"amount\"", -1).length - 1);
            ps.setString(3, body);
            ps.setTimestamp(4, Timestamp.from(Instant.now()));
            ps.executeUpdate();
        }
    }
}
