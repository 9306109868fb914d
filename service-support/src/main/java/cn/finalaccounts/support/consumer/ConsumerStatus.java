package cn.finalaccounts.support.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one instance's event loop is doing, for {@code /admin/consumer}, health and metrics.
 *
 * @param state RUNNING, RETRYING (an outage is being waited out), HALTED (stored offsets do not fit the topics:
 *         a rebuild is needed) or STOPPED
 * @param ownedPartitions topic partitions this instance reads now
 * @param pendingEvents records on the owned partitions not yet applied, as last measured; -1: not known
 * @param pendingByTopic the same per topic
 * @param startedAt when this loop started (at start-up or at the last rebuild)
 * @param joinedAt when it first completed a turn: its topics exist and it polled and measured them; null before
 * @param lastAppliedAt when this instance last committed a batch; null before its first
 * @param failingSince when the current run of failures began; null while the loop works
 * @param lastError the newest failure's message, kept after the loop recovered; null if none
 * @param lastErrorAt when that failure happened
 * @param misplacedOffsets partitions whose stored offset lies outside what the topic holds, each with the reason
 */
public record ConsumerStatus(String state, int ownedPartitions, long pendingEvents, Map<String, Long> pendingByTopic,
        Instant startedAt, Instant joinedAt, Instant lastAppliedAt, Instant failingSince, String lastError, Instant lastErrorAt,
        List<MisplacedOffset> misplacedOffsets) {

    public static final String RUNNING = "RUNNING";
    public static final String RETRYING = "RETRYING";
    public static final String HALTED = "HALTED";
    public static final String STOPPED = "STOPPED";

    /**
     * A stored offset the topic cannot serve: beyond its end (the topic was deleted and created again, or the broker
     * replaced) or before its beginning (records removed by retention before they were applied).
     */
    public record MisplacedOffset(String topic, int partition, long storedOffset, long beginningOffset,
            long endOffset, String reason) {
    }
}
