package cn.finalaccounts.support.fault;

import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The platform's one way of waiting out an outage: SmallRye Fault Tolerance retries the guarded call without a
 * limit, the pause doubling from {@code first} up to {@code max}, each with up to half of {@code first} of jitter so
 * that instances that failed together do not retry together.
 */
public final class OutageGuard {
    private OutageGuard() {
    }

    /**
     * @param keepTrying false once the caller is stopping: the failure then ends the call instead of a retry
     * @param beforeRetry told of each failure that is about to be retried
     */
    public static Guard create(String description, Duration first, Duration max, BooleanSupplier keepTrying,
            Consumer<Throwable> beforeRetry) {
        long firstMillis = Math.max(1, first.toMillis());
        return Guard.create()
                .withDescription(description)
                .withRetry()
                    .maxRetries(-1)
                    .maxDuration(365, ChronoUnit.DAYS)
                    .delay(firstMillis, ChronoUnit.MILLIS)
                    .jitter(Math.max(1, firstMillis / 2), ChronoUnit.MILLIS)
                    .withExponentialBackoff().factor(2).maxDelay(max.toMillis(), ChronoUnit.MILLIS).done()
                    .whenException(e -> keepTrying.getAsBoolean())
                    .beforeRetry(beforeRetry)
                    .done()
                .build();
    }
}
