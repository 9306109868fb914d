package cn.finalaccounts.aggregation.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness says DOWN while the 汇总 this instance serves from memory are not those of the changelog: memory is not
 * loaded yet, or it has not matched the changelog's head for {@code STALE_AFTER_SECONDS} (its catch-up failing: the
 * database away, or the changelog too large to read). An instance that is not ready takes no reads; without this it
 * answered stale or empty 汇总 as if they were current.
 */
@Readiness
@ApplicationScoped
public class SummariesReadiness implements HealthCheck {
    /** Ten catch-up turns, and more than a database failover's blip. */
    static final long STALE_AFTER_SECONDS = 10;

    @Inject
    LiveSummaries live;

    @Override
    public HealthCheckResponse call() {
        long behind = live.secondsBehind();
        String problem = !live.loaded() ? "the 汇总 are not loaded from the changelog yet"
                : behind > STALE_AFTER_SECONDS ? "the 汇总 in memory have not matched the changelog for " + behind + " s"
                : null;
        HealthCheckResponseBuilder b = HealthCheckResponse.named("summaries-in-memory").status(problem == null)
                .withData("applied", live.applied());
        if (problem != null) {
            b.withData("reason", problem);
        }
        return b.build();
    }
}
