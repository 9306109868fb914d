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
