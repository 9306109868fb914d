package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.service.SummaryQuery;
import cn.finalaccounts.aggregation.service.SummaryView;
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
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/summaries")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "汇总 (roll-up)", description = "The live 部门决算汇总 of any node of the tree")
public class SummaryResource {
    @Inject
    SummaryQuery query;

    @GET
    @Path("/{node}/{year}")
    @Transactional
    @Operation(summary = "The node's 汇总 of the year: every unit below it, summed cell by cell, in one view",
            description = "Same shape as a unit report (tables of cells, amounts as strings in 万元), each cell with"
                    + " its printed row label, plus freshness: units expected, units in with their report versions,"
                    + " units missing, when the newest event was applied and how many wait on the topics.")
    @APIResponse(responseCode = "200", description = "The 汇总")
    @APIResponse(responseCode = "404", description = "Unknown node, or a year without template (problem+json)")
    public SummaryView get(@PathParam("node") String node, @PathParam("year") int year,
            @Parameter(description = "approved (the official figures, default) or submitted (the working figures:"
                    + " each unit's latest submitted version, approved or not)")
            @QueryParam("view") @DefaultValue("approved") String view) {
        RollupView v = RollupView.parse(view).orElseThrow(() -> new InvalidInputException("view",
                "'" + view + "' is not a view; use approved or submitted"));
        return query.summary(node, year, v);
    }
}
