package cn.finalaccounts.support.rebuild;

import cn.finalaccounts.support.problem.NotFoundProblem;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Starts a rebuild of what the service derives from events, and says how the newest one is going. */
@Path("/api/v1/admin/rebuild")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class RebuildResource {
    @Inject
    RebuildCoordinator coordinator;

    @Inject
    RebuildRuns runs;

    @Inject
    Access access;

    @Inject
    AuditTrail audit;

    /** @param holder the instance that runs the rebuild (every instance applies its share of the partitions) */
    public record RebuildView(long id, String phase, String reason, String startedAt, String sourcesDoneAt,
            String completedAt, String lastError, String holder) {
        static RebuildView of(RebuildRun r) {
            return new RebuildView(r.id(), r.phase(), r.reason(), String.valueOf(r.startedAt()),
                    r.sourcesDoneAt() == null ? null : r.sourcesDoneAt().toString(),
                    r.completedAt() == null ? null : r.completedAt().toString(), r.lastError(), r.holder());
        }
    }

    @POST
    public Response start() {
        Caller caller = access.require(Permission.OPERATE);
        RebuildRun run = coordinator.start("requested by " + caller.username());
        audit.record(caller, "rebuild.start", "admin/rebuild", null, "rebuild " + run.id() + " started");
        return Response.accepted(RebuildView.of(run)).build();
    }

    @GET
    public RebuildView latest() {
        access.require(Permission.SEE_STATUS);
        return RebuildView.of(runs.latest().orElseThrow(() -> new NotFoundProblem("no rebuild has run yet")));
    }
}
