package cn.finalaccounts.support.consumer;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says DOWN while the service's figures are going stale: the loop has not yet joined its topics, or it
 * has been failing for longer than {@code fa.consumer.stall-after}, or records are waiting and nothing was applied for
 * that long, or a stored offset does not fit its topic (a rebuild is needed), or records wait on the group's partitions
 * and no instance of the service applied any for that long (a partition nobody applies: every instance's figures go
 * stale). A short blip stays UP: readiness takes an instance out of service.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class ConsumerReadiness implements HealthCheck {
    @Inject
    EventConsumer consumer;

    @Inject
    ConsumerGroup group;

    @ConfigProperty(name = "fa.consumer.stall-after", defaultValue = "PT30S")
    Duration stallAfter;

    @Override
    public HealthCheckResponse call() {
        ConsumerStatus s = consumer.status();
        Instant now = Instant.now();
        String problem = null;
        if (!s.misplacedOffsets().isEmpty()) {
            problem = s.misplacedOffsets().size() + " partition(s) hold stored offsets the topics cannot serve: "
                    + s.misplacedOffsets().get(0).reason();
        } else if (s.joinedAt() == null) {
            // Until the loop has its topics (it creates missing ones) and has measured them, nothing says it can keep
            // the figures current; a writer waiting for readiness also knows the topics exist.
            problem = "the event loop has not joined its topics yet"
                    + (s.lastError() == null ? "" : " (" + s.lastError() + ")");
        } else if (s.failingSince() != null && Duration.between(s.failingSince(), now).compareTo(stallAfter) > 0) {
            problem = "the event loop has been failing for " + Duration.between(s.failingSince(), now).toSeconds()
                    + " s: " + s.lastError();
        } else if (s.pendingEvents() > 0) {
            Instant progress = s.lastAppliedAt() != null ? s.lastAppliedAt() : s.startedAt();
            if (progress != null && Duration.between(progress, now).compareTo(stallAfter) > 0) {
                problem = s.pendingEvents() + " records are waiting and none was applied for "
                        + Duration.between(progress, now).toSeconds() + " s";
            }
        }
        Optional<ConsumerGroup.GroupStatus> g = group.status();
        if (problem == null && g.isPresent() && g.get().pendingEvents() > 0
                && Duration.between(g.get().progressAt(), now).compareTo(stallAfter) > 0) {
            // The instance may be fine and idle while the group is not: a partition nobody applies (its owner stuck,
            // or none), and every instance's figures go stale.
            problem = g.get().pendingEvents() + " records wait on the group's partitions and no instance applied any for "
                    + Duration.between(g.get().progressAt(), now).toSeconds() + " s";
        }
        HealthCheckResponseBuilder b = HealthCheckResponse.named("event-loop").status(problem == null)
                .withData("state", s.state())
                .withData("pendingEvents", s.pendingEvents())
                .withData("ownedPartitions", s.ownedPartitions());
        if (problem != null) {
            b.withData("reason", problem);
        }
        g.ifPresent(gs -> b.withData("groupMembers", gs.members().size())
                .withData("groupPendingEvents", gs.pendingEvents()));
        if (s.lastAppliedAt() != null) {
            b.withData("lastAppliedAt", s.lastAppliedAt().toString());
        }
        if (s.lastError() != null) {
            b.withData("lastError", s.lastError()).withData("lastErrorAt", String.valueOf(s.lastErrorAt()));
        }
        return b.build();
    }
}
