package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.UnitReportService;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units/{code}/reports/{year}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Unit reports", description = "A budget unit's yearly 决算: the nine 公开 tables")
public class UnitReportResource {
    private static final String SEED_01 = """
            {"unit": "HH-RSJ-YLGS", "year": 2023, "amountUnit": "万元", "tables": [{"table": "01", "cells": [
              {"row": "general_budget_appropriation", "col": "1", "amount": "901.23"},
              {"row": "other_income", "col": "1", "amount": "0.16"},
              {"row": "income_total", "col": "1", "amount": "901.39"},
              {"row": "income_grand_total", "col": "1", "amount": "901.39"},
              {"row": "208", "col": "2", "amount": "875.52"},
              {"row": "210", "col": "2", "amount": "25.71"},
              {"row": "229", "col": "2", "amount": "0.16"},
              {"row": "expense_total", "col": "2", "amount": "901.39"},
              {"row": "expense_grand_total", "col": "2", "amount": "901.39"}]}]}""";

    @Inject
    UnitReportService reports;

    @Inject
    ObjectMapper json;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the unit's report of the year (the whole report, all tables it fills)",
            description = "Rows are 科目 codes (2080109) or the template's fixed row ids (income_total); columns are"
                    + " 栏次 numbers. Amounts are JSON strings with at most two decimals, in the stated amountUnit."
                    + " Saving an identical report again changes nothing; any change makes a new version.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "seed 公开01表", value = SEED_01)))
    @APIResponse(responseCode = "201", description = "The first version was stored")
    @APIResponse(responseCode = "200", description = "A new version was stored, or the report was unchanged")
    @APIResponse(responseCode = "404", description = "Unknown unit (problem+json)")
    @APIResponse(responseCode = "422", description = "Invalid cells, each named by its JSON path (problem+json); nothing stored")
    public Response put(@PathParam("code") String code, @PathParam("year") int year, JsonNode body) {
        UnitReportService.Outcome outcome = reports.save(code, year, body);
        return Response.status(outcome.created() ? 201 : 200).entity(view(outcome.report())).build();
    }

    @GET
    @Operation(summary = "The unit's current report of the year, in the report shape with its version")
    public JsonNode get(@PathParam("code") String code, @PathParam("year") int year) {
        return view(UnitReport.of(code, year).orElseThrow(
                () -> new NotFoundProblem("unit '" + code + "' has no report for " + year)));
    }

    private JsonNode view(UnitReport r) {
        try {
            ObjectNode node = (ObjectNode) json.readTree(r.body);
            node.put("version", r.version);
            node.put("state", r.state);
            node.put("savedAt", r.savedAt.toString());
            return node;
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored report of " + r.unitCode + " is not JSON", e);
        }
    }
}
