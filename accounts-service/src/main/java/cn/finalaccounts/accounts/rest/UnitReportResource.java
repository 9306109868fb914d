package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.ReportTransition;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.NarrativeChecks;
import cn.finalaccounts.accounts.service.ReportAudit;
import cn.finalaccounts.accounts.service.ReportNarratives;
import cn.finalaccounts.fiscal.narrative.Narrative;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult;
import cn.finalaccounts.accounts.service.ReportWorkflow;
import cn.finalaccounts.accounts.service.UnitReportService;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.format.NarrativeText;
import cn.finalaccounts.support.format.Spreadsheet;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.workbook.WorkbookReport;
import java.io.InputStream;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

@Path("/api/v1/units/{code}/reports/{year}")
@Produces(MediaType.APPLICATION_JSON)
public class UnitReportResource {
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

    @Inject
    ReportNarratives narratives;

    @Inject
    NarrativeChecks narrativeChecks;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    public Response put(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, JsonNode body) {
        Caller caller = access.require(Permission.SAVE_REPORT, code);
        return DeadlockRetry.inTransaction(() -> {
            UnitReportService.Outcome outcome = reports.save(code, year, body, caller);
            return ReturnPreference.answer(outcome.created() ? 201 : 200,
                    ReportViews.Working.of(outcome.report(), outcome.audited()), prefer);
        });
    }

    /**
     * A filled workbook (.xlsx) as the working copy: read into the JSON body, then the same save as a JSON PUT, each
     * refusal naming its sheet cell (公开05表!D9) instead of a JSON path.
     */
    @PUT
    @Consumes(Spreadsheet.XLSX)
    public Response putWorkbook(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, InputStream body) {
        Caller caller = access.require(Permission.SAVE_REPORT, code);
        WorkbookReport workbook = workbooks.read(body, code, year);
        try {
            return put(code, year, prefer, workbook.report());
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

    /**
     * The same two as typed operations of their own (…/workbook), so that a client generated from the contract reaches
     * them: there one operation has one media type, where the path above serves JSON and the workbook by Accept.
     */
    @GET
    @Path("/workbook")
    // Generated clients (okhttp-gson) send only the JSON type of the operation's error answers when one is declared:
    // the operation answers its workbook whatever Accept says (the Response names its type).
    @Produces({Spreadsheet.XLSX, "application/problem+json"})
    @Transactional
    public Response getTypedWorkbook(@PathParam("code") String code, @PathParam("year") int year) {
        return getWorkbook(code, year);
    }

    @PUT
    @Path("/workbook")
    @Consumes(Spreadsheet.XLSX)
    public Response putTypedWorkbook(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, InputStream body) {
        return putWorkbook(code, year, prefer, body);
    }

    @GET
    @Transactional
    public ReportViews.Working get(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        return ReportViews.Working.of(current(code, year), audit);
    }

    @GET
    @Path("/findings")
    @Transactional
    public ReportViews.Working findings(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        return ReportViews.Working.of(current(code, year), audit).withoutTables();
    }

    /**
     * The narrative check: the published 情况说明 (text/plain, or {"text": …}) against this report — each quoted figure
     * placed, recomputed and compared within its printed precision. READ suffices: it changes nothing.
     */
    @POST
    @Path("/narrative/check")
    @Consumes(MediaType.TEXT_PLAIN)
    @Transactional
    public NarrativeCheckResult checkNarrative(@PathParam("code") String code, @PathParam("year") int year,
            InputStream body) {
        return checkNarrative(code, year, () -> narrativeChecks.plainText(body));
    }

    @POST
    @Path("/narrative/check")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    public NarrativeCheckResult checkNarrativeJson(@PathParam("code") String code, @PathParam("year") int year,
            InputStream body) {
        return checkNarrative(code, year, () -> narrativeChecks.jsonText(body));
    }

    /** The permission first, then the report, then the body: a caller out of scope learns nothing from its refusal. */
    private NarrativeCheckResult checkNarrative(String code, int year, Supplier<String> text) {
        access.require(Permission.READ, code);
        UnitReport report = current(code, year);
        return narrativeChecks.check(report.body, text.get());
    }

    @POST
    @Path("/submit")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response submit(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, ReportWorkflow.SubmitRequest request) {
        Caller caller = access.require(Permission.SUBMIT_REPORT, code);
        ReportWorkflow.Moved moved = workflow.submit(code, year, WorkflowInput.submit(request), caller);
        return ReturnPreference.answer(200, ReportViews.Working.of(moved.report(), moved.audited()), prefer);
    }

    @POST
    @Path("/approve")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response approve(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, ReportWorkflow.DecisionRequest request) {
        Caller caller = access.require(Permission.DECIDE_REPORT, code);
        return ReturnPreference.answer(200,
                ReportViews.Working.of(workflow.approve(code, year, WorkflowInput.decision(request), caller), audit),
                prefer);
    }

    @POST
    @Path("/return")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response returnForCorrection(@PathParam("code") String code, @PathParam("year") int year,
            @HeaderParam(ReturnPreference.HEADER) String prefer, ReportWorkflow.DecisionRequest request) {
        Caller caller = access.require(Permission.DECIDE_REPORT, code);
        return ReturnPreference.answer(200, ReportViews.Working.of(
                workflow.returnForCorrection(code, year, WorkflowInput.decision(request), caller), audit), prefer);
    }

    /**
     * The 情况说明 written from the working copy's figures: sections with their text and, beside it, every figure with
     * the cells it came from. Plain text (Accept: text/plain or ?format=text) or Markdown (text/markdown, ?format=md)
     * when asked for; JSON otherwise.
     */
    @GET
    @Path("/narrative")
    @Transactional
    public Narrative narrative(@PathParam("code") String code, @PathParam("year") int year) {
        access.require(Permission.READ, code);
        return narratives.of(current(code, year));
    }

    @GET
    @Path("/narrative")
    @Produces(NarrativeText.PLAIN_BELOW_JSON)
    @Transactional
    public Response narrativeText(@PathParam("code") String code, @PathParam("year") int year) {
        return NarrativeText.plain(narrative(code, year));
    }

    @GET
    @Path("/narrative")
    @Produces(NarrativeText.MARKDOWN_BELOW_JSON)
    @Transactional
    public Response narrativeMarkdown(@PathParam("code") String code, @PathParam("year") int year) {
        return NarrativeText.markdown(narrative(code, year));
    }

    @GET
    @Path("/versions")
    @Transactional
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
