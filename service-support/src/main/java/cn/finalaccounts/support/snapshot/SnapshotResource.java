package cn.finalaccounts.support.snapshot;

import cn.finalaccounts.support.outbox.OutboxBacklog;
import cn.finalaccounts.support.problem.Problem;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.security.Caller;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Access;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Re-publishes the service's current state and answers once every event of it is on Kafka, so the caller (a
 * consumer's rebuild) knows that the end of the topics now covers the whole state.
 */
@Path("/api/v1/admin/snapshot")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "fa.snapshot.enabled", stringValue = "true")
public class SnapshotResource {
    @Inject
    SnapshotPublisher publisher;

    @Inject
    Access access;

    @Inject
    AuditTrail audit;

    @Inject
    OutboxBacklog backlog;

    /** How long the answer waits for the relay to publish the snapshot before it says 503. */
    @ConfigProperty(name = "fa.snapshot.publish-timeout", defaultValue = "PT10M")
    Duration publishTimeout;

    public record SnapshotDone(long events, Instant writtenAt, Instant publishedAt) {
    }

    @POST
    public Response snapshot() throws InterruptedException {
        Caller caller = access.require(Permission.OPERATE);
        long lastBefore = backlog.lastId();
        long events = publisher.publish();
        audit.record(caller, "snapshot.publish", "admin/snapshot", null, events + " events written to the outbox");
        Instant written = Instant.now();
        long lastAfter = backlog.lastId();
        Instant deadline = written.plus(publishTimeout);
        while (backlog.waitingUpTo(lastAfter) > 0) {
            if (Instant.now().isAfter(deadline)) {
                Problem p = Problem.of("snapshot-not-published", "The snapshot is not on Kafka yet", 503,
                        events + " events were written to the outbox (ids after " + lastBefore + " up to " + lastAfter
                                + ") but the relay has not published them all within " + publishTimeout
                                + "; they will be published when the broker is back",
                        "/api/v1/admin/snapshot", List.of());
                return Response.status(503).type(Problem.MEDIA_TYPE).header("Retry-After", "30").entity(p).build();
            }
            Thread.sleep(200); // how often the outbox is asked whether the relay has published the snapshot
        }
        return Response.ok(new SnapshotDone(events, written, Instant.now())).build();
    }
}
