package cn.finalaccounts.performance.rest;

import cn.finalaccounts.performance.service.FundInput;
import cn.finalaccounts.performance.service.FundStatisticsService;
import cn.finalaccounts.support.problem.DeadlockRetry;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/funds/{year}/{region}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Fund statistics", description = "Social-insurance funds: 参保人数, income, expenditure and 累计结余 by level")
public class FundResource {
    private static final String SEED = """
            {"level": "全市", "insured": "60.00", "active": "42.64", "retired": "17.36", "totalIncome": "860768",
             "premiumIncome": "286394", "totalExpense": "865753", "benefitExpense": "577629", "balance": "46285"}""";

    @Inject
    FundStatisticsService funds;

    @Inject
    Access access;

    @GET
    @Transactional
    @Operation(summary = "Every fund of the region and year, each with its levels, checks and year-over-year change",
            description = "Permission READ on the region.")
    public List<FundStatisticsService.FundView> all(@PathParam("year") int year, @PathParam("region") String region) {
        access.require(Permission.READ, region);
        return funds.views(FiscalYearPath.require(year), region);
    }

    @GET
    @Path("/{fund}")
    @Transactional
    @Operation(summary = "One fund (enterprise-pension, public-pension, occupational-annuity, work-injury): its levels"
            + " (全市, 市本级, counties), the checks E1–E2 and the change against last year",
            description = "Permission READ on the region.")
    public FundStatisticsService.FundView one(@PathParam("year") int year, @PathParam("region") String region,
            @PathParam("fund") String fund) {
        access.require(Permission.READ, region);
        return funds.view(year, region, fund);
    }

    @PUT
    @Path("/{fund}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Save one level of a fund's statistics (people in 万人, money in 万元, as strings)",
            description = "参保人数 must equal 在职 + 退休 for the pension funds (given or derived); a part (保险费收入,"
                    + " 待遇支出) cannot exceed its whole. Sending the same figures again changes nothing. Permission"
                    + " WRITE_FUNDS on the region (an admin of the region or above it); on the audit trail as fund.put.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "企业职工基本养老保险 全市 2023", value = SEED)))
    public Response put(@PathParam("year") int year, @PathParam("region") String region, @PathParam("fund") String fund,
            FundInput input) {
        Caller caller = access.require(Permission.WRITE_FUNDS, region);
        // Concurrent first PUTs of one level: the losers of the insert race run again and find it (DeadlockRetry).
        return DeadlockRetry.inTransaction(() -> {
            FundStatisticsService.Outcome o = funds.upsert(caller, year, region, fund, input);
            return Response.status(o.created() ? 201 : 200).entity(funds.view(year, region, fund)).build();
        });
    }
}
