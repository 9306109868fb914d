package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.ReportAudit;
import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.UnitReportService;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.format.Spreadsheet;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.workbook.WorkbookReport;
import java.io.InputStream;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/units/{code}/reports/{year}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Unit reports", description = "A budget unit's yearly 决算 (the nine 公开 tables), its audit and its workflow."
        + " Who acts is the bearer token's caller; the optional `by` of a workflow body is only a display label.")
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
    private static final String SEED_SUBMIT = """
            {"by": "张会计（财务）", "waivers": [
              {"rule": "A7.05", "cell": "05.total.2", "reason": "与财政批复的公开表一致，差额0.60万元已在情况说明中解释"},
              {"rule": "A14", "cell": "05.total.1", "reason": "同上，合计行基本支出录入差错，将于下年更正"}]}""";

    private static final String READ = "Needs READ on the unit (any role, in scope).";
    private static final String DECIDE = "Needs DECIDE_REPORT (reviewer) on the unit, and the caller must not be the"
            + " person who submitted the version: maker-checker compares the tokens' subjects, never the typed `by`,"
            + " which is kept as a display label only.";
    private static final String FORBIDDEN_DECISION = "Not a reviewer of the unit, or the caller submitted this version"
            + " (problem+json); nothing stored";

    @Inject
    UnitReportService reports;

    @Inject
    ReportWorkflow workflow;

    @Inject
    ReportAudit audit;

    @Inject
    Access access;

    @Inject
    ReportWorkbooks workbooks;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save the working copy of the unit's report of the year (all the tables it fills)",
            description = "Rows are 科目 codes (2080109) or the template's fixed row ids (income_total); columns are"
                    + " 栏次 numbers. Amounts are JSON strings with at most two decimals, in the stated amountUnit."
                    + " A unit may send only 项 rows: 款, 类 and 合计 are derived (marked \"derived\": true) and,"
                    + " when sent, checked. The answer carries the audit findings. Saving an identical report again"
                    + " changes nothing. Refused with 409 once submitted or approved. Needs SAVE_REPORT (filler) on the"
                    + " unit. The saver recorded (updatedBy) is the token's username; the X-Actor header earlier"
                    + " versions read is no longer read: a header cannot say who someone is.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "seed 公开01表", value = SEED_01)))
    @APIResponse(responseCode = "201", description = "The first working copy was stored")
    @APIResponse(responseCode = "200", description = "The working copy was changed, or was already identical")
    @APIResponse(responseCode = "403", description = "Not a filler of the unit, or an unknown unit (problem+json)")
    @APIResponse(responseCode = "409", description = "Submitted or approved: not editable (problem+json)")
    @APIResponse(responseCode = "422", description = "Invalid cells, each named by its JSON path (problem+json); nothing stored")
    public Response put(@PathParam("code") String code, @PathParam("year") int year, JsonNode body) {
        Caller caller = access.require(Permission.SAVE_REPORT, code);
        return DeadlockRetry.inTransaction(() -> {
            UnitReportService.Outcome outcome = reports.save(code, year, body, caller);
            return Response.status(outcome.created() ? 201 : 200)
                    .entity(ReportViews.Working.of(outcome.report(), outcome.audited())).build();
        });
    }

    /**
     * A filled workbook (.xlsx) as the working copy: read into the JSON body, then the same save as a JSON PUT, each
     * refusal naming its sheet cell (公开05表!D9) instead of a JSON path.
     */
    @PUT
    @Consumes(Spreadsheet.XLSX)
    public Response putWorkbook(@PathParam("code") String code, @PathParam("year") int year, InputStream body) {
        Caller caller = access.require(Permission.SAVE_REPORT, code);
        WorkbookReport workbook = workbooks.read(body, code, year);
        try {
            return put(code, year, workbook.report());
        } catch (InvalidInputException e) {
            throw workbook.translate(e);
        }
    }

    /** The working copy as a workbook (.xlsx): figures with the derived subtotals as formulas, findings last. */
    @GET
    @Produces(Spreadsheet.XLSX_BELOW_JSON)
    @Transactional
    public Response getWorkbook(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        return Spreadsheet.attachment(workbooks.of(current(code, year)), ReportWorkbooks.fileName(code, year)).build();
    }

    @GET
    @Transactional
    @Operation(summary = "The working copy with its derived subtotals, state, latest version and audit findings",
            description = READ)
    public ReportViews.Working get(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        return ReportViews.Working.of(current(code, year), audit);
    }

    @GET
    @Path("/findings")
    @Transactional
    @Operation(summary = "The audit findings (审核) of the working copy: rule, cell, printed, expected, difference",
            description = READ)
    public ReportViews.Working findings(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        ReportViews.Working w = ReportViews.Working.of(current(code, year), audit);
        return new ReportViews.Working(w.unit(), w.year(), w.amountUnit(), null, w.state(), w.version(), w.revision(),
                w.savedAt(), w.updatedBy(), w.findingCounts(), w.findings());
    }

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Submit the working copy as the next version (上报)",
            description = "Refused with 422 while an error finding has neither a correction nor a waiver (校验申请)"
                    + " naming its rule and cell with a written reason. The version is kept whole with its findings"
                    + " and waivers. Needs SUBMIT_REPORT (filler) on the unit; the submitter recorded is the token's"
                    + " caller (username and subject), `by` is kept as a display label only.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "with waivers", value = SEED_SUBMIT)))
    @APIResponse(responseCode = "200", description = "Submitted")
    @APIResponse(responseCode = "403", description = "Not a filler of the unit (problem+json)")
    @APIResponse(responseCode = "409", description = "Not a draft or a returned report")
    @APIResponse(responseCode = "422", description = "Error findings without waiver, or a waiver for no finding")
    public ReportViews.Working submit(@PathParam("code") String code, @PathParam("year") int year,
            ReportWorkflow.SubmitRequest request) {
        Caller caller = access.require(Permission.SUBMIT_REPORT, code);
        return ReportViews.Working.of(workflow.submit(code, year, WorkflowInput.submit(request), caller), audit);
    }

    @POST
    @Path("/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Approve the submitted version (审核通过): it becomes the official figures and is locked",
            description = DECIDE)
    @RequestBody(content = @Content(examples = @ExampleObject(value = "{\"by\": \"李审核\", \"reason\": \"审核通过\"}")))
    @APIResponse(responseCode = "403", description = FORBIDDEN_DECISION)
    public ReportViews.Working approve(@PathParam("code") String code, @PathParam("year") int year,
            ReportWorkflow.DecisionRequest request) {
        Caller caller = access.require(Permission.DECIDE_REPORT, code);
        return ReportViews.Working.of(workflow.approve(code, year, WorkflowInput.decision(request), caller), audit);
    }

    @POST
    @Path("/return")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Return the submitted version for correction (退回), with the reason", description = DECIDE)
    @RequestBody(content = @Content(examples = @ExampleObject(
            value = "{\"by\": \"李审核\", \"reason\": \"05表 基本支出合计与各行之和不符，请更正\"}")))
    @APIResponse(responseCode = "403", description = FORBIDDEN_DECISION)
    public ReportViews.Working returnForCorrection(@PathParam("code") String code, @PathParam("year") int year,
            ReportWorkflow.DecisionRequest request) {
        Caller caller = access.require(Permission.DECIDE_REPORT, code);
        return ReportViews.Working.of(workflow.returnForCorrection(code, year, WorkflowInput.decision(request), caller),
                audit);
    }

    @GET
    @Path("/versions")
    @Transactional
    @Operation(summary = "Every submitted version, oldest first, with who and when, its approval and its decision trail",
            description = READ)
    public List<ReportViews.VersionSummary> versions(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        current(code, year);
        Map<Integer, List<ReportTransition>> trails = ReportTransition.of(code, year).stream()
                .collect(Collectors.groupingBy(t -> t.version));
        return ReportVersion.of(code, year).stream()
                .map(v -> ReportViews.VersionSummary.of(v, trails.getOrDefault(v.version, List.of()))).toList();
    }

    @GET
    @Path("/versions/{n}")
    @Transactional
    @Operation(summary = "One submitted version whole: figures, findings with their waivers, who and when",
            description = "approval (who approved it, when, why) stays after a later return; decisions lists every"
                    + " decision on the version in order: submit, approve, return, edit. " + READ)
    public ReportViews.VersionDetail version(@PathParam("code") String code, @PathParam("year") int year,
            @PathParam("n") int n) {
        access.require(Permission.READ, code);
        ReportVersion v = ReportVersion.of(code, year, n).orElseThrow(
                () -> new NotFoundProblem("unit '" + code + "' has no version " + n + " of its " + year + " report"));
        return ReportViews.VersionDetail.of(v, ReportTransition.of(code, year, n));
    }

    @GET
    @Path("/history")
    @Transactional
    @Operation(summary = "Every transition of the report: from, to, by whom (username, subject, label), when and why",
            description = READ)
    public List<ReportViews.Transition> history(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        current(code, year);
        return ReportTransition.of(code, year).stream().map(ReportViews.Transition::of).toList();
    }

    private static UnitReport current(String code, int year) {
        return UnitReport.of(code, year).orElseThrow(
                () -> new NotFoundProblem("unit '" + code + "' has no report for " + year));
    }
}
