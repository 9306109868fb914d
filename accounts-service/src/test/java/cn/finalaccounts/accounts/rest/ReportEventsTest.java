package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.finalaccounts.accounts.PublishedEvents;
import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the report topic carries (contract version 2): one event per saved change and per transition; the figures
 * only in the states a 汇总 counts. A draft's and a returned report's events say what happened and carry no report.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ReportEventsTest {
    @Inject
    TableCounts counts;

    @Test
    void aDraftsEventHasNoReportAndASubmissionsAndApprovalsCarryTheExactFigures() {
        SeedFixture.registerTree("EV1-R", "EV1-D", "EV1-U");
        Person filler = Person.filler("EV1-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("EV1-U"))
                .put("/api/v1/units/EV1-U/reports/2023").then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/EV1-U/reports/2023/submit").then().statusCode(200);
        as(Person.reviewer("EV1-D")).contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}")
                .post("/api/v1/units/EV1-U/reports/2023/approve").then().statusCode(200);
        as(Person.reviewer("EV1-D")).contentType(ContentType.JSON).body("{\"reason\": \"请更正05表合计\"}")
                .post("/api/v1/units/EV1-U/reports/2023/return").then().statusCode(200);

        List<UnitReportChanged> events = PublishedEvents.reportEvents("EV1-U", 4);

        assertEquals(List.of("draft", "submitted", "approved", "returned"),
                events.stream().map(UnitReportChanged::state).toList());
        assertEquals(List.of(1L, 2L, 3L, 4L), events.stream().map(UnitReportChanged::revision).toList());
        assertEquals(List.of(0L, 1L, 1L, 1L), events.stream().map(UnitReportChanged::version).toList());
        assertNull(events.get(0).report(), "a draft's event carries no figures");
        assertNull(events.get(3).report(), "a returned report's event carries no figures");
        for (UnitReportChanged counted : List.of(events.get(1), events.get(2))) {
            assertEquals(new BigDecimal("901.39"), cell(counted.report(), "01", "income_total", "1"));
            // with its derived subtotals: 05表 类 208 栏1 = Σ its 项, which the unit left blank
            assertEquals(new BigDecimal("875.52"), cell(counted.report(), "05", "208", "1"));
            assertEquals(new BigDecimal("515.83"), cell(counted.report(), "05", "2080109", "2"));
        }
        // The figures are stored once, in version 1: the rows of the submission and the approval refer to its body
        // (the relay spliced it in above), none of the four rows holds a table.
        String v1 = "report_version/" + counts.rows("SELECT id FROM report_version WHERE unit_code = 'EV1-U'"
                + " AND version = 1").get(0).get(0);
        assertEquals(List.of(Arrays.asList(null, "0"), List.of(v1, "0"), List.of(v1, "0"), Arrays.asList(null, "0")),
                counts.rows("SELECT body_ref, LOCATE('\"tables\"', payload) FROM outbox_event WHERE event_key = 'EV1-U'"
                        + " AND event_type = 'UnitReportChanged' ORDER BY id"));
    }

    private static BigDecimal cell(ReportBody report, String table, String row, String col) {
        return report.toSheet().cells().get(new CellKey(table, row, col));
    }
}
