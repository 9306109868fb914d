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
import cn.finalaccounts.testsupport.FuzzRun.Hostile;
import cn.finalaccounts.testsupport.HostileRequests;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's property: whatever malformed body reaches a write endpoint, the answer is a 4xx problem+json and
 * nothing is stored. The bodies are sent by a person allowed to make every one of these writes (filler, reviewer
 * and admin of the region), so that each is refused for its body, not for its sender. 4,500 bodies from MalformedBodies' seeded generators, 1,500 of hostile Unicode text, 900 hostile headers on
 * writes and 300 on reads (issue 20), then 375 identifiers spelt otherwise; the count is printed with the suite's total.
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
        int count = Integer.getInteger("fa.fuzz.count", 4_500);
        List<MalformedBodies.Malformed> bodies = MalformedBodies.draw(MalformedBodies.of(endpoints), count, seed);
        // Issue 20: hostile text of every Unicode class in every text field (and an unknown one), and hostile headers.
        List<Hostile> hostile = new ArrayList<>(bodies.stream().map(Hostile::of).toList());
        MalformedBodies.draw(MalformedBodies.hostileText(endpoints), count / 3, seed + 1).stream().map(Hostile::of)
                .forEach(hostile::add);
        hostile.addAll(HostileRequests.draw(HostileRequests.headers(endpoints), count / 5, seed + 2));
        hostile.addAll(HostileRequests.draw(HostileRequests.readHeaders(List.of(report, "/api/v1/templates/2023",
                "/api/v1/units/FZ-U", "/api/v1/units/FZ-U/reports/2023/findings", "/api/v1/units/FZ-U/reports/2023/narrative",
                "/api/v1/rules/2023")), count / 15, seed + 3));

        Map<String, Long> before = counts.snapshot();
        long versions = counts.count("SELECT COUNT(*) FROM report_version");
        long transitions = counts.count("SELECT COUNT(*) FROM report_transition");
        long revisions = counts.count("SELECT COALESCE(SUM(revision), 0) FROM unit_report");
        FuzzRun run = FuzzRun.sendRequests(base, hostile, As.token(fuzzer));
        System.out.println(run.summary("accounts-service", seed));

        assertTrue(run.wrong().isEmpty(), String.join("\n", run.wrong()));
        assertEquals(null, run.byStatus().get(401), "every request was sent with a valid token: " + run.byStatus());
        assertEquals(hostile.size(), run.byStatus().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(before, counts.snapshot());
        assertEquals(versions, counts.count("SELECT COUNT(*) FROM report_version"));
        assertEquals(transitions, counts.count("SELECT COUNT(*) FROM report_transition"));
        assertEquals(revisions, counts.count("SELECT COALESCE(SUM(revision), 0) FROM unit_report"));

        // Identifiers spelt otherwise: never a 5xx; what is still taken is listed (canonical identifiers are issue
        // 20's other change), and nothing is stored when nothing was taken.
        List<Hostile> identifiers = HostileRequests.draw(HostileRequests.anyOf(
                HostileRequests.identifiers("report PUT", "PUT", "/api/v1/units/{id}/reports/2023", "FZ-V",
                        REPORT.replace("\"FZ-V\"", "\"{id}\"")),
                HostileRequests.identifiers("unit PUT", "PUT", "/api/v1/units/{id}", "FZ-NEW",
                        "{\"name\": \"新单位\", \"kind\": \"unit\", \"parent\": \"FZ-D\", \"unitType\": \"参公\"}"),
                HostileRequests.identifiers("unit parent", "PUT", "/api/v1/units/FZ-NEW2", "FZ-D",
                        "{\"name\": \"新单位\", \"kind\": \"unit\", \"parent\": \"{id}\", \"unitType\": \"参公\"}"),
                HostileRequests.identifiers("report GET", "GET", "/api/v1/units/{id}/reports/2023", "FZ-U", null),
                HostileRequests.identifiers("year", "GET", "/api/v1/units/FZ-U/reports/{id}", "2023", null),
                HostileRequests.identifiers("template", "GET", "/api/v1/templates/{id}", "2023", null)),
                count / 12, seed + 4);
        Map<String, Long> beforeIdentifiers = counts.snapshot();
        FuzzRun ids = FuzzRun.sendRequests(base, identifiers, As.token(fuzzer));
        System.out.println(ids.summary("accounts-service identifiers", seed));
        ids.taken().stream().distinct().limit(40).forEach(t -> System.out.println("identifier still taken: " + t));
        assertTrue(ids.byStatus().keySet().stream().allMatch(status -> status < 500),
                ids.byStatus() + "\n" + String.join("\n", ids.wrong()));
        if (ids.taken().stream().noneMatch(t -> !t.startsWith("200 GET"))) {
            assertEquals(beforeIdentifiers, counts.snapshot());
        }
        FuzzRun.tally(getClass().getName(), hostile.size() + identifiers.size());
    }
}
