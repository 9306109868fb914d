package cn.finalaccounts.support.consumer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What one instance's event loops are doing, for {@code /admin/consumer}, health and metrics.
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

    private static final List<String> WORST_FIRST = List.of(STOPPED, HALTED, RETRYING, RUNNING);

    /**
     * Several loops of one instance seen as one: the worst state (stopped, halted, retrying, running), owned and
     * pending records summed (pending unknown if any loop's is), the earliest start and failure, the latest
     * application and error, joined once every loop has joined.
     */
    public static ConsumerStatus combine(List<ConsumerStatus> loops) {
        if (loops.isEmpty()) {
            return new ConsumerStatus(STOPPED, 0, -1, Map.of(), null, null, null, null, null, null, List.of());
        }
        if (loops.size() == 1) {
            return loops.get(0);
        }
        String state = RUNNING;
        int owned = 0;
        long pending = 0;
        Map<String, Long> byTopic = new java.util.TreeMap<>();
        Instant started = null;
        Instant joined = null;
        boolean allJoined = true;
        Instant applied = null;
        Instant failing = null;
        ConsumerStatus newestError = null;
        List<MisplacedOffset> misplaced = new java.util.ArrayList<>();
        for (ConsumerStatus s : loops) {
            if (WORST_FIRST.indexOf(s.state) < WORST_FIRST.indexOf(state)) {
                state = s.state;
            }
            owned += s.ownedPartitions;
            pending = pending < 0 || s.pendingEvents < 0 ? -1 : pending + s.pendingEvents;
            s.pendingByTopic.forEach((t, n) -> byTopic.merge(t, n, Long::sum));
            started = earliest(started, s.startedAt);
            allJoined &= s.joinedAt != null;
            joined = latest(joined, s.joinedAt);
            applied = latest(applied, s.lastAppliedAt);
            failing = earliest(failing, s.failingSince);
            if (s.lastErrorAt != null && (newestError == null || s.lastErrorAt.isAfter(newestError.lastErrorAt))) {
                newestError = s;
            }
            misplaced.addAll(s.misplacedOffsets);
        }
        return new ConsumerStatus(state, owned, pending, byTopic, started, allJoined ? joined : null, applied, failing,
                newestError == null ? null : newestError.lastError, newestError == null ? null : newestError.lastErrorAt,
                List.copyOf(misplaced));
    }

    private static Instant earliest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    /**
     * A stored offset the topic cannot serve: beyond its end (the topic was deleted and created again, or the broker
     * replaced) or before its beginning (records removed by retention before they were applied).
     */
    public record MisplacedOffset(String topic, int partition, long storedOffset, long beginningOffset,
            long endOffset, String reason) {
    }
}
