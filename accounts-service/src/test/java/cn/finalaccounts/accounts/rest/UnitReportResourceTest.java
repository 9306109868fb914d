package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
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

@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class UnitReportResourceTest {
    @Inject
    TableCounts counts;

    @Test
    void theSeedReportIsStoredExactlyAndASecondIdenticalSaveChangesNothing() {
        SeedFixture.registerTree("R1-R", "R1-D", "R1-U");
        Person filler = Person.filler("R1-U");

        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("R1-U"))
                .put("/api/v1/units/R1-U/reports/2023")
                .then().statusCode(201)
                .body("revision", equalTo(1))
                .body("version", equalTo(0))
                .body("state", equalTo("draft"));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("R1-U"))
                .put("/api/v1/units/R1-U/reports/2023")
                .then().statusCode(200)
                .body("revision", equalTo(1));

        as(filler).get("/api/v1/units/R1-U/reports/2023").then().statusCode(200)
                .body("amountUnit", equalTo("万元"))
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'general_budget_appropriation' }.amount",
                        equalTo("901.23"))
                .body("tables.find { it.table == '01' }.cells.find { it.row == '208' }.amount", equalTo("875.52"))
                .body("tables.find { it.table == '05' }.cells.find { it.row == '2080109' && it.col == '2' }.amount",
                        equalTo("515.83"))
                .body("tables.find { it.table == '02' }.cells.find { it.row == '2089999' && it.col == '1' }.amount",
                        equalTo("15.00"))
                // Subtotals the unit left blank are derived and marked.
                .body("tables.find { it.table == '05' }.cells.find { it.row == '208' && it.col == '1' }.amount",
                        equalTo("875.52"))
                .body("tables.find { it.table == '05' }.cells.find { it.row == '208' && it.col == '1' }.derived",
                        equalTo(true))
                .body("tables.find { it.table == '05' }.cells.find { it.row == '2080109' && it.col == '1' }.derived",
                        nullValue());
        assertEquals(1, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'R1-U' AND event_type = 'UnitReportChanged'"));
    }

    @Test
    void aCorrectionMakesTheNextVersion() {
        SeedFixture.registerTree("R2-R", "R2-D", "R2-U");
        Person filler = Person.filler("R2-U");
        String seed = SeedFixture.report2023("R2-U");
        as(filler).contentType(ContentType.JSON).body(seed).put("/api/v1/units/R2-U/reports/2023").then().statusCode(201);

        as(filler).contentType(ContentType.JSON).body(seed.replace("\"amount\": \"0.16\"}", "\"amount\": \"0.17\"}"))
                .put("/api/v1/units/R2-U/reports/2023")
                .then().statusCode(200).body("revision", equalTo(2));

        as(filler).get("/api/v1/units/R2-U/reports/2023").then()
                .body("revision", equalTo(2))
                .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount", equalTo("0.17"));
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'R2-U'"
                + " AND event_type = 'UnitReportChanged'"));
    }

    @Test
    void everyBadCellIsNamedAndNothingIsStored() {
        SeedFixture.registerTree("R3-R", "R3-D", "R3-U");
        Person filler = Person.filler("R3-U");
        Map<String, Long> before = counts.snapshot();

        as(filler).contentType(ContentType.JSON).body("""
                {"unit": "R3-U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [
                    {"row": "general_budget_appropriation", "col": "1", "amount": "901.234"},
                    {"row": "no_such_row", "col": "1", "amount": "1.00"},
                    {"row": "income_total", "col": "9", "amount": "1.00"},
                    {"row": "other_income", "col": "1", "amount": "abc"}
                  ]},
                  {"table": "99", "cells": []}
                ]}""")
                .put("/api/v1/units/R3-U/reports/2023")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("tables[0].cells[0].amount", "tables[0].cells[1].row",
                        "tables[0].cells[2].col", "tables[0].cells[3].amount", "tables[1].table"))
                .body("detail", containsString("nothing was stored"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void yearUnitAndShapeMismatchesAreRefused() {
        SeedFixture.registerTree("R4-R", "R4-D", "R4-U");
        Person filler = Person.filler("R4-U");
        Map<String, Long> before = counts.snapshot();

        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("R4-U").replace("\"year\": 2023", "\"year\": 1899"))
                .put("/api/v1/units/R4-U/reports/1899")
                .then().statusCode(422).body("violations.field", contains("year"))
                .body("violations[0].reason", containsString("out of range"));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("R4-U").replace("\"year\": 2023", "\"year\": 2031"))
                .put("/api/v1/units/R4-U/reports/2031")
                .then().statusCode(422).body("violations[0].reason", containsString("no template for 2031"));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("SOMEONE-ELSE"))
                .put("/api/v1/units/R4-U/reports/2023")
                .then().statusCode(422).body("violations.field", contains("unit"));
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("R4-U"))
                .put("/api/v1/units/R4-U/reports/2024")
                .then().statusCode(422).body("violations.field", hasItem("year"));
        as(filler).contentType(ContentType.JSON).body("{\"unit\": \"R4-U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": [")
                .put("/api/v1/units/R4-U/reports/2023")
                .then().statusCode(400).body("type", equalTo("urn:final-accounts:problem:malformed-json"));
        Person departmentFiller = Person.filler("R4-D");
        as(departmentFiller).contentType(ContentType.JSON).body(SeedFixture.report2023("R4-D"))
                .put("/api/v1/units/R4-D/reports/2023")
                .then().statusCode(422).body("violations[0].reason", containsString("only a budget unit"));
        as(departmentFiller).contentType(ContentType.JSON).body(SeedFixture.report2023("NOBODY"))
                .put("/api/v1/units/NOBODY/reports/2023")
                .then().statusCode(403).contentType("application/problem+json");

        assertEquals(before, counts.snapshot());
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() {
        SeedFixture.registerTree("R6-R", "R6-D", "R6-U");
        Person filler = Person.filler("R6-U");
        Map<String, Long> before = counts.snapshot();
        String huge = SeedFixture.report2023("R6-U").replace("\"tables\"", "\"padding\": \"" + "x".repeat(3_000_000)
                + "\", \"tables\"");

        as(filler).contentType(ContentType.JSON).body(huge)
                .put("/api/v1/units/R6-U/reports/2023")
                .then().statusCode(413)
                .contentType("application/problem+json")
                .body("violations[0].reason", containsString("at most 2097152"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void aReportThatWasNeverSavedIs404() {
        SeedFixture.registerTree("R5-R", "R5-D", "R5-U");
        as(Person.reader("R5-D")).get("/api/v1/units/R5-U/reports/2023").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
