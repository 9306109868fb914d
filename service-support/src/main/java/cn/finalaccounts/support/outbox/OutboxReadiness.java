package cn.finalaccounts.support.outbox;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The relay's backlog as data of a readiness check that stays UP: the outbox exists so that writes go on while the
 * broker is away, so a backlog is no reason to take the service out of service. The figures are also metrics
 * ({@code fa_outbox_backlog_rows}, {@code fa_outbox_oldest_unpublished_age_seconds}), which is where to alert.
 */
@Readiness
@ApplicationScoped
@IfBuildProperty(name = "fa.outbox.enabled", stringValue = "true")
public class OutboxReadiness implements HealthCheck {
    @Inject
    OutboxBacklog backlog;

    @Inject
    OutboxRelay relay;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("outbox-relay").up();
        try {
            OutboxBacklog.Snapshot s = backlog.current();
            b.withData("unpublished", s.unpublished()).withData("parked", s.parked())
                    .withData("oldestUnpublishedAgeSeconds", (long) Math.floor(s.oldestAgeSeconds()));
        } catch (RuntimeException e) {
            // The database check reports the database; this one only lacks its figures meanwhile.
            b.withData("backlog", "unknown: " + e.getMessage());
        }
        if (relay.failingSince() != null) {
            b.withData("failingSince", relay.failingSince().toString()).withData("lastError", relay.lastError());
        }
        return b.build();
    }
}
