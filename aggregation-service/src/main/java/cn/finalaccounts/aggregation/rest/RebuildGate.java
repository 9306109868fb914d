package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.support.problem.ForbiddenProblem;
import cn.finalaccounts.support.problem.Problem;
import cn.finalaccounts.support.rebuild.RebuildCoordinator;
import cn.finalaccounts.support.rebuild.RebuildRun;
import cn.finalaccounts.support.security.Access;
import cn.finalaccounts.support.security.Permission;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
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

    /** A rebuild began between this gate and the resource's scope check, and emptied the tree the check reads. */
    static final class UnderWay extends RuntimeException {
        final RebuildRun run;

        UnderWay(RebuildRun run) {
            super(null, null, false, false);
            this.run = run;
        }
    }

    @ServerRequestFilter
    public Response duringRebuild(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/v1/summaries")) {
            return null;
        }
        Optional<RebuildRun> run = rebuild.inProgress();
        if (run.isEmpty() || !access.allows(Permission.SEE_STATUS, null)) {
            return null;
        }
        return answer(run.get(), request.getUriInfo().getPath());
    }

    /**
     * READ on the node, for the summaries' resource. A refusal is checked against a rebuild once more: one that
     * started after the filter above let the request through has emptied the mirrored tree, and the true answer is
     * still "come back shortly", not 403.
     */
    void readable(String node) {
        try {
            access.require(Permission.READ, node);
        } catch (ForbiddenProblem refused) {
            Optional<RebuildRun> run = rebuild.inProgress();
            if (run.isPresent() && access.allows(Permission.SEE_STATUS, null)) {
                throw new UnderWay(run.get());
            }
            throw refused;
        }
    }

    @ServerExceptionMapper
    public Response startedMeanwhile(UnderWay e, UriInfo uri) {
        return answer(e.run, uri.getPath());
    }

    private static Response answer(RebuildRun run, String path) {
        Problem p = Problem.of("rebuild-under-way", "The 汇总 are being rebuilt", 503, "rebuild " + run.id()
                + " (" + run.reason() + ") started at " + run.startedAt() + " and is " + run.phase()
                + "; ask again shortly, or follow GET /api/v1/admin/rebuild", path, List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", RebuildCoordinator.RETRY_AFTER.toSeconds()).entity(p).build();
    }
}
