package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.service.KeptSummaries;
import cn.finalaccounts.aggregation.service.Lineage;
import cn.finalaccounts.aggregation.service.PerformanceQuery;
import cn.finalaccounts.aggregation.service.SummaryAudit;
import cn.finalaccounts.aggregation.service.SummaryNarratives;
import cn.finalaccounts.aggregation.service.SummaryQuery;
import cn.finalaccounts.aggregation.service.SummaryView;
import cn.finalaccounts.aggregation.service.SummaryWorkbook;
import cn.finalaccounts.support.format.NarrativeText;
import cn.finalaccounts.support.format.Spreadsheet;
import cn.finalaccounts.fiscal.narrative.Narrative;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.template.YearTemplate;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.aggregation.service.Trend;
import cn.finalaccounts.support.year.OwnerYears;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/v1/summaries")
@Produces(MediaType.APPLICATION_JSON)
public class SummaryResource {
    @Inject
    SummaryQuery query;

    @Context
    Request request;

    @Context
    HttpHeaders headers;

    @Inject
    Lineage lineage;

    @Inject
    SummaryAudit audit;

    @Inject
    PerformanceQuery performance;

    @Inject
    RebuildGate gate;

    @Inject
    SummaryNarratives narratives;

    @Inject
    Trend trend;

    @Inject
    OwnerYears years;

    @GET
    @Path("/{node}/{year}")
    public Response get(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view,
            @QueryParam("mode") @DefaultValue("simple") String mode) {
        // Before anything else, the If-None-Match below included: a 304 says "unchanged", an answer about the node.
        gate.readable(node);
        SummaryQuery.Mode m = mode(mode);
        CountedView v = view(view);
        // A conditional read costs the scope check and one query outside any transaction: most readers poll.
        Response.ResponseBuilder notModified = request.evaluatePreconditions(etag(query.tags(node, year, v), m));
        if (notModified != null) {
            return notModified.build();
        }
        SummaryQuery.Wire answer = query.wire(node, year, v, m);
        // Compressed here, once per change of the 汇总 (the HTTP layer leaves an answer with a Content-Encoding as it is).
        boolean gzip = acceptsGzip(headers.getHeaderString(HttpHeaders.ACCEPT_ENCODING));
        Response.ResponseBuilder ok = Response.ok(gzip ? answer.gzip() : answer.plain(), MediaType.APPLICATION_JSON_TYPE)
                .tag(etag(answer.tags(), m)).header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        return (gzip ? ok.header(HttpHeaders.CONTENT_ENCODING, "gzip") : ok).build();
    }

    /** Whether the client takes gzip: {@code gzip} or {@code *} listed without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String coding : acceptEncoding.split(",")) {
            String[] parts = coding.split(";");
            String name = parts[0].strip();
            if (name.equalsIgnoreCase("gzip") || name.equals("*")) {
                for (int i = 1; i < parts.length; i++) {
                    String p = parts[i].strip().toLowerCase(java.util.Locale.ROOT);
                    if (p.startsWith("q=") && p.substring(2).matches("0(\\.0{0,3})?")) {
                        return false;
                    }
                }
                return true;
            }
        }
        return false;
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
        SummaryQuery.Mode m = mode(mode);
        CountedView v = view(view);
        SummaryQuery.Tagged answer = query.summary(node, year, v, m);
        byte[] xlsx = SummaryWorkbook.write(answer.summary(),
                audit.audit(node, year, v).stream().map(SummaryAudit.SummaryFinding::finding).toList());
        return Spreadsheet.attachment(xlsx, SummaryWorkbook.fileName(node, year, m)).build();
    }

    /** The 汇总 workbook as a typed operation of its own, for a client generated from the contract. */
    @GET
    @Path("/{node}/{year}/workbook")
    // Generated clients (okhttp-gson) send only the JSON type of the operation's error answers when one is declared:
    // the operation answers its workbook whatever Accept says (the Response names its type).
    @Produces({Spreadsheet.XLSX, "application/problem+json"})
    @Transactional
    public Response typedWorkbook(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view,
            @QueryParam("mode") @DefaultValue("simple") String mode) {
        return workbook(node, year, view, mode);
    }

    /** Weak: equal tags mean equal figures, units and names; freshness (lag, last applied) is of the moment. */
    private static EntityTag etag(KeptSummaries.Tags tags, SummaryQuery.Mode mode) {
        return new EntityTag(Long.toHexString(tags.tree()) + "-" + Long.toHexString(tags.sheet())
                + (tags.own() < 0 ? "" : "-v" + tags.own()) + "-" + mode.id(), true);
    }

    @GET
    @Path("/{node}/{year}/units")
    @Transactional
    public SummaryView.Units units(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return query.units(node, year, view(view));
    }

    @GET
    @Path("/{node}/{year}/performance")
    @Transactional
    public PerformanceQuery.ProjectSummary performance(@PathParam("node") String node, @PathParam("year") int year) {
        gate.readable(node);
        return performance.projects(node, year);
    }

    @GET
    @Path("/{node}/{year}/funds")
    @Transactional
    public PerformanceQuery.FundSummary funds(@PathParam("node") String node, @PathParam("year") int year) {
        gate.readable(node);
        return performance.funds(node, year);
    }

    @GET
    @Path("/{node}/{year}/findings")
    @Transactional
    public List<SummaryAudit.SummaryFinding> findings(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return audit.audit(node, year, view(view));
    }

    /**
     * The 情况说明 written from the 汇总's figures (the simple 汇总 of the view), each figure with its cells; plain
     * text or Markdown on request (Accept, or ?format=text / ?format=md).
     */
    @GET
    @Path("/{node}/{year}/narrative")
    @Transactional
    public Narrative narrative(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return narratives.of(node, year, view(view));
    }

    @GET
    @Path("/{node}/{year}/narrative")
    @Produces(NarrativeText.PLAIN_BELOW_JSON)
    @Transactional
    public Response narrativeText(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        return NarrativeText.plain(narrative(node, year, view));
    }

    @GET
    @Path("/{node}/{year}/narrative")
    @Produces(NarrativeText.MARKDOWN_BELOW_JSON)
    @Transactional
    public Response narrativeMarkdown(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view) {
        return NarrativeText.markdown(narrative(node, year, view));
    }

    @GET
    @Path("/{node}/{year}/cells/{table}/{row}/{col}/lineage")
    @Transactional
    public Lineage.CellLineage lineage(@PathParam("node") String node, @PathParam("year") int year,
            @PathParam("table") String table, @PathParam("row") String row, @PathParam("col") String col,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return lineage.of(node, year, view(view), new CellKey(table, row, col));
    }

    /**
     * The headline figures of the node and each child over the open years, each year read through its own named
     * figures (docs/years.md): the dashboard's trend.
     */
    @GET
    @Path("/{node}/trend")
    @Transactional
    public Trend.TrendView trend(@PathParam("node") String node,
            @QueryParam("view") @DefaultValue("approved") String view) {
        gate.readable(node);
        return trend.of(node, view(view), years.openYears());
    }

    @GET
    @Path("/{node}/{year}/children")
    @Transactional
    public List<Lineage.ChildSummary> children(@PathParam("node") String node, @PathParam("year") int year,
            @QueryParam("view") @DefaultValue("approved") String view,
            @QueryParam("table") @DefaultValue("01") String table) {
        gate.readable(node);
        // A table no report of the year can have is a wrong request, not a drill-down with nothing in it.
        YearTemplate template = FiscalYears.current().year(year).map(FiscalYear::template).orElseThrow(() ->
                new NotFoundProblem("there is no 汇总 for " + year + ": the platform has templates for "
                        + FiscalYears.current().available()));
        if (template.table(table).isEmpty()) {
            throw new InvalidInputException("table", "'" + table + "' is not a table of " + year + "; use one of "
                    + template.tables().stream().map(t -> t.id()).toList());
        }
        return lineage.children(node, year, view(view), table);
    }

    private static SummaryQuery.Mode mode(String mode) {
        return switch (mode) {
            case "simple" -> SummaryQuery.Mode.SIMPLE;
            case "consolidated" -> SummaryQuery.Mode.CONSOLIDATED;
            default -> throw new InvalidInputException("mode", "'" + mode + "' is not a mode; use simple or consolidated");
        };
    }

    private static CountedView view(String view) {
        return CountedView.parse(view).orElseThrow(() -> new InvalidInputException("view",
                "'" + view + "' is not a view; use approved or submitted"));
    }
}
