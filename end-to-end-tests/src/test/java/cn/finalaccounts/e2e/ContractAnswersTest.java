package cn.finalaccounts.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The check every end-to-end answer goes through ({@link ContractAnswers}) catches what it is there to catch, on
 * hand-made answers: a null where the contract wants a string, a status the operation does not declare, a media type
 * it does not offer; and lets through what the contract allows (a null where it says nullable).
 */
class ContractAnswersTest {
    private static final String SPENDING = "/api/v1/units/HH-RSJ-YLGS/projects/2023/P1";

    @Test
    void aNullWhereTheContractWantsAStringFailsNamingTheOperationThePointerAndTheReason() {
        List<ContractAnswers.Mismatch> found = ContractAnswers.mismatches("aggregation-service", "GET",
                "/api/v1/summaries/HH-RSJ/2023", 200, "application/json", json("""
                        {"node": "HH-RSJ", "year": 2023, "tables": [{"table": "01", "cells": [
                          {"row": "208", "col": "2", "rowLabel": null, "amount": "875.52"}]}]}"""));
        assertEquals(1, found.size(), found.toString());
        assertEquals("getSummary (GET /api/v1/summaries/{node}/{year})", found.get(0).operation());
        assertEquals("/tables/0/cells/0/rowLabel", found.get(0).pointer());
        assertTrue(found.get(0).reason().contains("null"), found.get(0).reason());
    }

    @Test
    void theFilterFailsTheTestThatReceivedSuchAnAnswer() {
        ContractAnswers.watch("http://127.0.0.1:1", "aggregation-service");
        AssertionError e = assertThrows(AssertionError.class, () -> ContractAnswers.check("GET",
                URI.create("http://127.0.0.1:1/api/v1/admin/consumer"), 200, "application/json",
                json("{\"state\": \"RUNNING\", \"pendingEvents\": \"none\"}")));
        assertTrue(e.getMessage().contains("getConsumerStatus"), e.getMessage());
        assertTrue(e.getMessage().contains("/pendingEvents"), e.getMessage());
    }

    @Test
    void aNullWhereTheContractSaysNullablePasses() {
        assertEquals(List.of(), ContractAnswers.mismatches("performance-service", "GET", SPENDING, 200,
                "application/json", json("""
                        {"spending": [{"date": "2023-06-30", "amount": "52.80", "memo": null}]}""")));
        assertEquals(List.of(), ContractAnswers.mismatches("aggregation-service", "GET", "/api/v1/admin/consumer",
                200, "application/json;charset=UTF-8", json("""
                        {"state": "RUNNING", "failingSince": null, "lastError": null, "lastErrorAt": null}""")));
    }

    @Test
    void aStatusTheOperationDoesNotDeclareFails() {
        List<ContractAnswers.Mismatch> found = ContractAnswers.mismatches("accounts-service", "GET",
                "/api/v1/units/HH-RSJ", 418, "application/problem+json", json("{\"status\": 418}"));
        assertEquals(1, found.size(), found.toString());
        assertEquals("getNode (GET /api/v1/units/{code})", found.get(0).operation());
        assertEquals("validation.response.status.unknown", found.get(0).key());
    }

    @Test
    void aMediaTypeTheOperationDoesNotOfferFails() {
        List<ContractAnswers.Mismatch> found = ContractAnswers.mismatches("accounts-service", "GET",
                "/api/v1/units/HH-RSJ", 200, "text/html", "<p>hello</p>".getBytes(StandardCharsets.UTF_8));
        assertEquals(1, found.size(), found.toString());
        assertEquals("validation.response.contentType.notAllowed", found.get(0).key());
    }

    @Test
    void aPathNoOperationServesFails() {
        List<ContractAnswers.Mismatch> found = ContractAnswers.mismatches("accounts-service", "GET",
                "/api/v1/nothing-here", 404, "application/problem+json", json("{\"status\": 404}"));
        assertEquals(1, found.size(), found.toString());
        assertTrue(found.get(0).operation().contains("no operation of the contract"), found.toString());
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
