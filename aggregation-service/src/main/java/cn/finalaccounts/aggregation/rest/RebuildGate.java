package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.support.problem.Problem;
import cn.finalaccounts.support.problem.RebuildUnderWayProblem;
import cn.finalaccounts.support.rebuild.RebuildCoordinator;
import cn.finalaccounts.support.rebuild.RebuildRun;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While a rebuild is under way the kept 汇总 are half built: a read says so (503 with Retry-After) instead of
 * answering partial figures or a 404 for a node that exists.
 *
 * <p>Order: authentication first (no valid token is 401, rebuild or not), then this 503, then the scope (403) in
 * the resource. The rebuild empties and replays the mirrored tree the scope is read from, so deciding the scope now
 * would refuse people who are in it; "come back shortly" is the true answer. It tells nothing secret: any platform
 * role may read the rebuild's state (SEE_STATUS). A token with none of the roles goes on to the resource's 403.
 */
public class RebuildGate {
    @Inject
    RebuildCoordinator rebuild;

    @Inject
    Access access;

    @ServerRequestFilter
    public Response duringRebuild(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/v1/summaries")) {
            return null;
        }
        Optional<RebuildRun> run = rebuild.inProgress();
        if (run.isEmpty() || !access.allows(Permission.SEE_STATUS, null)) {
            return null;
        }
        Problem p = RebuildUnderWayProblem.problem(RebuildCoordinator.describe(run.get()),
                request.getUriInfo().getPath());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", RebuildUnderWayProblem.RETRY_AFTER_SECONDS).entity(p).build();
    }

    /**
     * READ on the node, for the summaries' resource. A rebuild that started after the filter above let the request
     * through may have emptied the mirrored tree: {@link Access} then answers 503 {@code rebuild-under-way} rather
     * than a 403 that would be false.
     */
    void readable(String node) {
        access.require(Permission.READ, node);
    }
}
