package cn.finalaccounts.aggregation.rest;

import cn.finalaccounts.support.problem.Problem;
import cn.finalaccounts.support.rebuild.RebuildCoordinator;
import cn.finalaccounts.support.rebuild.RebuildRun;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * While a rebuild is under way the kept 汇总 are half built: a read says so (503 with Retry-After) instead of
 * answering partial figures or a 404 for a node that exists.
 */
public class RebuildGate {
    @Inject
    RebuildCoordinator rebuild;

    @ServerRequestFilter
    public Response duringRebuild(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/v1/summaries")) {
            return null;
        }
        Optional<RebuildRun> run = rebuild.inProgress();
        if (run.isEmpty()) {
            return null;
        }
        Problem p = Problem.of("rebuild-under-way", "The 汇总 are being rebuilt", 503, "rebuild " + run.get().id()
                + " (" + run.get().reason() + ") started at " + run.get().startedAt() + " and is "
                + run.get().phase() + "; ask again shortly, or follow GET /api/v1/admin/rebuild",
                request.getUriInfo().getPath(), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header("Retry-After", RebuildCoordinator.RETRY_AFTER.toSeconds()).entity(p).build();
    }
}
