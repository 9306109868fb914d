package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.service.Lineage;
import cn.finalaccounts.aggregation.service.PerformanceQuery;
import cn.finalaccounts.aggregation.service.SummaryAudit;
import cn.finalaccounts.aggregation.service.SummaryQuery;
import cn.finalaccounts.aggregation.service.SummaryView;
import cn.finalaccounts.aggregation.service.SummaryWorkbook;
import cn.finalaccounts.support.format.Spreadsheet;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.workflow.RollupView;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/summaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "汇总 (roll-up)", description = "The live 部门决算汇总 of any node of the tree")
public class SummaryResource {
    /** Every read here is READ on the node; a node this service does not mirror is in nobody's scope (403). */
    private static final String READ = " Permission READ on the node (any role whose org node is the node or above"
            + " it); 403 for a node outside the caller's scope or unknown here.";

    @Inject
    SummaryQuery query;

    @Context
    Request request;

    @Inject
    Lineage lineage;

    @Inject
    SummaryAudit audit;

    @Inject
    PerformanceQuery performance;

    @Inject
    RebuildGate gate;

    @GET
    @Path("/{node}/{year}")
    @Operation(summary = "The node's 汇总 of the year: every unit below it, summed cell by cell, in one view",
            description = "Same shape as a unit report (tables of cells, amounts as strings in 万元), each cell with"
                    + " its printed row label, plus freshness: units expected, units in with their report versions,"
                    + " units missing, when the newest event was applied and how many wait on the topics." + READ
                    + " The permission is checked before If-None-Match: a 304 is an answer too.")
    @APIResponse(responseCode = "200", description = "The 汇总, with a weak ETag that changes when its figures, its"
            + " units or the tree change", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = SummaryView.class)))
    @APIResponse(responseCode = "304", description = "Not modified: the request's If-None-Match names the current"
            + " figures (only the freshness of the moment, lag and last applied time, may have moved)")
    @APIResponse(responseCode = "403", description = "The node is outside the caller's scope (problem+json)")
    @APIResponse(responseCode = "404", description = "A year without template (problem+json)")
    public Response get(@PathParam("node") String node, @PathParam("year") int year,
            @Parameter(description = "approved (the official figures, default) or submitted (the working figures:"
                    + " each unit's latest submitted version, approved or not)")
            @QueryParam("view") @DefaultValue("approved") String view,
            @Parameter(description = "simple (汇总, the plain sum, default) or consolidated (合并: internal flows between"
                    + " the units inside the node eliminated, listed beside the tables)")
            @QueryParam("mode") @DefaultValue("simple") String mode) {
        // Before anything else, the If-None-Match below included: a 304 says "unchanged", an answer about the node.
        gate.readable(node);
        SummaryQuery.Mode m = switch (mode) {
            case "simple" -> SummaryQuery.Mode.SIMPLE;
            case "consolidated" -> SummaryQuery.Mode.CONSOLIDATED;
            default -> throw new InvalidInputException("mode", "'" + mode + "' is not a mode; use simple or consolidated");
        };
        RollupView v = view(view);
        // A conditional read costs the scope check and one query outside any transaction: most readers poll.
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag(query.tags(node, year, v), m));
        if (notModified != null) {
            return notModified.build();
        }
        SummaryQuery.Tagged answer = query.summary(node, year, v, m);
        return Response.ok(answer.summary()).tag(etag(answer.tags(), m)).build();
    }

    /**
     * The 汇总 as an Excel workbook (.xlsx), the same figures as the JSON answer, values only, with the findings of
     * its audit on the last sheet. Same checks and the same 503 during a rebuild; no ETag (the JSON's tag names the
     * JSON representation).
     */
    @GET
    @Path("/{node}/{year}")
    @Produces(Spreadsheet.XLSX_BELOW_JSON)
    @Transactional
    public Response workbook(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view,
            @QueryParam("mode") @DefaultValue("simple") String mode) {
        gate.readable(node);
        SummaryQuery.Mode m = switch (mode) {
            case "simple" -> SummaryQuery.Mode.SIMPLE;
            case "consolidated" -> SummaryQuery.Mode.CONSOLIDATED;
            default -> throw new InvalidInputException("mode", "'" + mode + "' is not a mode; use simple or consolidated");
        };
        RollupView v = view(view);
        SummaryQuery.Tagged answer = query.summary(node, year, v, m);
        byte[] xlsx = SummaryWorkbook.write(answer.summary(),
                audit.audit(node, year, v).stream().map(SummaryAudit.SummaryFinding::finding).toList());
        return Spreadsheet.attachment(xlsx, SummaryWorkbook.fileName(node, year, m)).build();
    }

    /** Weak: equal tags mean equal figures, units and names; freshness (lag, last applied) is of the moment. */
    private static EntityTag etag(SummaryStore.Tags tags, SummaryQuery.Mode mode) {
        return new EntityTag(Long.toHexString(tags.tree()) + "-" + Long.toHexString(tags.sheet()) + "-" + mode.id(),
                true);
    }

    @GET
    @Path("/{node}/{year}/units")
    @Transactional
    @Operation(summary = "The units under the node: those in the 汇总 with the report version counted, and those missing",
            description = READ)
    public SummaryView.Units units(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return query.units(node, year, view(view));
    }

    @GET
    @Path("/{node}/{year}/performance")
    @Transactional
    @Operation(summary = "Project funds under the node: Σ budget, Σ spent, 执行率 = Σ spent / Σ budget (never an average"
            + " of rates), projects behind schedule or over budget, the distribution of 自评 grades, and per unit",
            description = READ)
    public PerformanceQuery.ProjectRollup performance(@PathParam("node") String node, @PathParam("year") int year) {
        gate.readable(node);
        return performance.projects(node, year);
    }

    @GET
    @Path("/{node}/{year}/funds")
    @Transactional
    @Operation(summary = "Social-insurance fund statistics of the regions in the node, summed by fund and level, with"
            + " 市本级 and counties ≤ 全市 checked on the sums",
            description = READ)
    public PerformanceQuery.FundRollup funds(@PathParam("node") String node, @PathParam("year") int year) {
        gate.readable(node);
        return performance.funds(node, year);
    }

    @GET
    @Path("/{node}/{year}/findings")
    @Transactional
    @Operation(summary = "The audit (审核) of the 汇总: the same rules as a unit's report; each finding names the units"
            + " whose own figures break the same check",
            description = READ)
    public List<SummaryAudit.SummaryFinding> findings(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return audit.audit(node, year, view(view));
    }

    @GET
    @Path("/{node}/{year}/cells/{table}/{row}/{col}/lineage")
    @Transactional
    @Operation(summary = "Where a figure of the 汇总 comes from: the node's children and the units' report versions",
            description = "e.g. /summaries/HH-RSJ/2023/cells/01/income_total/1/lineage. The units' amounts add up to"
                    + " the figure (unitsTotal)." + READ)
    public Lineage.CellLineage lineage(@PathParam("node") String node, @PathParam("year") int year,
            @PathParam("table") String table, @PathParam("row") String row, @PathParam("col") String col,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return lineage.of(node, year, view(view), new CellKey(table, row, col));
    }

    @GET
    @Path("/{node}/{year}/children")
    @Transactional
    @Operation(summary = "Drill down one level: each child of the node with its 汇总 cells of one table",
            description = READ)
    public List<Lineage.ChildSummary> children(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view,
            @Parameter(description = "the table, 01 … 09 or N") @QueryParam("table") @DefaultValue("01") String table) {
        gate.readable(node);
        return lineage.children(node, year, view(view), table);
    }

    private static RollupView view(String view) {
        return RollupView.parse(view).orElseThrow(() -> new InvalidInputException("view",
                "'" + view + "' is not a view; use approved or submitted"));
    }
}
