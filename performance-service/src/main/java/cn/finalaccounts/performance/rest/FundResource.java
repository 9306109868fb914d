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

@Path("/api/v1/funds/{year}/{region}")
@Produces(MediaType.APPLICATION_JSON)
public class FundResource {
    @Inject
    FundStatisticsService funds;

    @Inject
    Access access;

    @GET
    @Transactional
    public List<FundStatisticsService.FundView> all(@PathParam("year") int year, @PathParam("region") String region) {
        access.require(Permission.READ, region);
        return funds.views(FiscalYearPath.require(year), region);
    }

    @GET
    @Path("/{fund}")
    @Transactional
    public FundStatisticsService.FundView one(@PathParam("year") int year, @PathParam("region") String region,
            @PathParam("fund") String fund) {
        access.require(Permission.READ, region);
        return funds.view(year, region, fund);
    }

    @PUT
    @Path("/{fund}")
    @Consumes(MediaType.APPLICATION_JSON)
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
