package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.testsupport.MalformedBodies.Kind.ARRAY;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.AMOUNT;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.INTEGER;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.OPTIONAL_TEXT;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.TEXT;
import static cn.finalaccounts.accounts.As.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.As;
import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.FuzzRun;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MalformedBodies;
import cn.finalaccounts.testsupport.MalformedBodies.Endpoint;
import cn.finalaccounts.testsupport.MalformedBodies.Field;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's property: whatever malformed body reaches a write endpoint, the answer is a 4xx problem+json and
 * nothing is stored. The bodies are sent by a person allowed to make every one of these writes (filler, reviewer
 * and admin of the region), so that each is refused for its body, not for its sender. 6,000 bodies from MalformedBodies' seeded generators (the fuzz of performance-service sends
 * 4,500 more).
 * {@code -Dfa.fuzz.seed=…} replays a run; {@code -Dfa.fuzz.count=…} sends more or fewer.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class MalformedBodyFuzzTest {
    private static final String REPORT = """
            {"unit": "FZ-V", "year": 2023, "amountUnit": "万元", "tables": [{"table": "01", "cells": [
              {"row": "general_budget_appropriation", "col": "1", "amount": "901.23"},
              {"row": "income_total", "col": "1", "amount": "901.23"}]}]}""";

    @Inject
    TableCounts counts;

    @TestHTTPResource("/")
    URI base;

    @Test
    void noMalformedBodyIsAnsweredWithA5xxOrStoresAnything() throws Exception {
        SeedFixture.registerTree("FZ-R", "FZ-D", "FZ-U");
        Person fuzzer = new Person("fuzzer@FZ-R", "fuzzer", "FZ-R", List.of("filler", "reviewer", "admin"));
        as(fuzzer).contentType(ContentType.JSON).body("{\"name\": \"单位\", \"kind\": \"unit\", \"parent\": \"FZ-D\"}")
                .put("/api/v1/units/FZ-V").then().statusCode(201);
        as(fuzzer).contentType(ContentType.JSON).body(SeedFixture.report2023("FZ-U"))
                .put("/api/v1/units/FZ-U/reports/2023").then().statusCode(201);
        String report = "/api/v1/units/FZ-U/reports/2023";
        List<Endpoint> endpoints = List.of(
                new Endpoint("report PUT", "PUT", "/api/v1/units/FZ-V/reports/2023", REPORT, List.of(
                        Field.of("/unit", TEXT, 64), Field.of("/year", INTEGER), Field.of("/amountUnit", TEXT, 2),
                        Field.of("/tables", ARRAY), Field.of("/tables/0/table", TEXT, 2), Field.of("/tables/0/cells", ARRAY),
                        Field.of("/tables/0/cells/0/row", TEXT, 64), Field.of("/tables/0/cells/0/col", TEXT, 2),
                        Field.of("/tables/0/cells/0/amount", AMOUNT), Field.of("/tables/0/cells/1/amount", AMOUNT))),
                new Endpoint("submit", "POST", report + "/submit",
                        "{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}", List.of(
                        Field.of("/by", OPTIONAL_TEXT, 100), Field.of("/waivers", ARRAY), Field.of("/waivers/0/rule", TEXT, 20),
                        Field.of("/waivers/0/cell", TEXT, 40), Field.of("/waivers/0/reason", TEXT, 2000),
                        Field.of("/waivers/6/reason", TEXT, 2000))),
                new Endpoint("approve", "POST", report + "/approve", "{\"by\": \"李审核\", \"reason\": \"审核通过\"}", List.of(
                        Field.of("/by", OPTIONAL_TEXT, 100), Field.of("/reason", OPTIONAL_TEXT, 2000))),
                new Endpoint("return", "POST", report + "/return", "{\"by\": \"李审核\", \"reason\": \"请更正05表\"}", List.of(
                        Field.of("/by", OPTIONAL_TEXT, 100), Field.of("/reason", TEXT, 2000))),
                new Endpoint("unit PUT", "PUT", "/api/v1/units/FZ-NEW",
                        "{\"name\": \"新单位\", \"kind\": \"unit\", \"parent\": \"FZ-D\", \"unitType\": \"参公\"}", List.of(
                        Field.of("/name", TEXT, 200), Field.of("/kind", TEXT, 10), Field.of("/parent", TEXT, 64),
                        Field.of("/unitType", OPTIONAL_TEXT, 2))));
        long seed = Long.getLong("fa.fuzz.seed", 20231231L);
        int count = Integer.getInteger("fa.fuzz.count", 6_000);
        List<MalformedBodies.Malformed> bodies = MalformedBodies.draw(MalformedBodies.of(endpoints), count, seed);

        Map<String, Long> before = counts.snapshot();
        long versions = counts.count("SELECT COUNT(*) FROM report_version");
        long transitions = counts.count("SELECT COUNT(*) FROM report_transition");
        long revisions = counts.count("SELECT COALESCE(SUM(revision), 0) FROM unit_report");
        FuzzRun run = FuzzRun.send(base, bodies, As.token(fuzzer));
        System.out.println(run.summary("accounts-service", seed));

        assertTrue(run.wrong().isEmpty(), String.join("\n", run.wrong()));
        assertEquals(null, run.byStatus().get(401), "every body was sent with a valid token: " + run.byStatus());
        assertEquals(count, run.byStatus().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(before, counts.snapshot());
        assertEquals(versions, counts.count("SELECT COUNT(*) FROM report_version"));
        assertEquals(transitions, counts.count("SELECT COUNT(*) FROM report_transition"));
        assertEquals(revisions, counts.count("SELECT COALESCE(SUM(revision), 0) FROM unit_report"));
    }
}
