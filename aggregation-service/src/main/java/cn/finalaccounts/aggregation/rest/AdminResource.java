package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.aggregation.service.AccountsSource;
import cn.finalaccounts.aggregation.service.ConsistencyCheck;
import cn.finalaccounts.support.problem.Problem;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {
    @Inject
    ConsistencyCheck consistency;

    @Inject
    Access access;

    @GET
    @Path("/consistency")
    public ConsistencyCheck.Result consistency() {
        access.require(Permission.OPERATE);
        return consistency.run();
    }

    /**
     * Every kept 汇总 against accounts-service's own state: recounted from its counted versions, so a forged record
     * that was counted, or a lost one, shows. 503 while accounts-service cannot be asked.
     */
    @GET
    @Path("/consistency/sources")
    public Response consistencyAgainstSources() {
        access.require(Permission.OPERATE);
        try {
            return Response.ok(consistency.againstSources()).build();
        } catch (AccountsSource.Unavailable e) {
            return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "30").entity(Problem.of(
                    "source-unavailable", "accounts-service cannot be asked", 503, e.getMessage(),
                    "/api/v1/admin/consistency/sources", List.of())).build();
        }
    }
}
