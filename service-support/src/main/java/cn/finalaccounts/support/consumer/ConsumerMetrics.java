package cn.finalaccounts.support.consumer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Records applied and set aside per topic since the service started. Kept apart from the loop so that the counts
 * survive a rebuild, which replaces the loop: a Prometheus counter must not go back.
 */
public final class ConsumerMetrics {
    private final Map<String, LongAdder> applied = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> rejected = new ConcurrentHashMap<>();
    private final LongAdder batches = new LongAdder();
    private final LongAdder batchNanos = new LongAdder();

    /** A batch committed (its records applied and its offsets stored) in this long. */
    void countBatch(long nanos) {
        batches.increment();
        batchNanos.add(nanos);
    }

    public long batches() {
        return batches.sum();
    }

    public double batchSeconds() {
        return batchNanos.sum() / 1e9;
    }

    void countApplied(String topic, int records) {
        applied.computeIfAbsent(topic, t -> new LongAdder()).add(records);
    }

    void countRejected(String topic) {
        rejected.computeIfAbsent(topic, t -> new LongAdder()).increment();
    }

    public long applied(String topic) {
        LongAdder n = applied.get(topic);
        return n == null ? 0 : n.sum();
    }

    public long rejected(String topic) {
        LongAdder n = rejected.get(topic);
        return n == null ? 0 : n.sum();
    }
}
