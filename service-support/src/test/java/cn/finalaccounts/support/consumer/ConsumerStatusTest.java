package cn.finalaccounts.support.consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The loops of one instance are reported as one: health must see the worst of them. */
class ConsumerStatusTest {
    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static ConsumerStatus loop(String state, int owned, long pending, Instant joined, Instant failing,
            String error, Instant errorAt) {
        return new ConsumerStatus(state, owned, pending, Map.of("fa.accounts.unit-reports.v1", Math.max(0, pending)), T0,
                joined, T0.plusSeconds(owned), failing, error, errorAt, List.of());
    }

    @Test
    void oneRetryingLoopMakesTheInstanceRetryingAndItsFiguresAreSummed() {
        ConsumerStatus s = ConsumerStatus.combine(List.of(
                loop(ConsumerStatus.RUNNING, 12, 40, T0, null, "old", T0),
                loop(ConsumerStatus.RETRYING, 12, 2, T0.plusSeconds(1), T0.plusSeconds(9), "broker away",
                        T0.plusSeconds(9))));
        assertEquals(ConsumerStatus.RETRYING, s.state());
        assertEquals(24, s.ownedPartitions());
        assertEquals(42, s.pendingEvents());
        assertEquals(Map.of("fa.accounts.unit-reports.v1", 42L), s.pendingByTopic());
        assertEquals(T0.plusSeconds(1), s.joinedAt());
        assertEquals(T0.plusSeconds(12), s.lastAppliedAt());
        assertEquals(T0.plusSeconds(9), s.failingSince());
        assertEquals("broker away", s.lastError());
    }

    @Test
    void theInstanceHasJoinedOnlyWhenEveryLoopHasAndPendingIsUnknownIfAnyLoopsIs() {
        ConsumerStatus s = ConsumerStatus.combine(List.of(
                loop(ConsumerStatus.RUNNING, 12, 5, T0, null, null, null),
                loop(ConsumerStatus.HALTED, 12, -1, null, null, null, null)));
        assertEquals(ConsumerStatus.HALTED, s.state());
        assertNull(s.joinedAt());
        assertEquals(-1, s.pendingEvents());
    }

    @Test
    void noLoopIsAStoppedConsumer() {
        assertEquals(ConsumerStatus.STOPPED, ConsumerStatus.combine(List.of()).state());
    }
}
