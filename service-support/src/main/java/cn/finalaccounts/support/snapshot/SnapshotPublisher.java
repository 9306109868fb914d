package cn.finalaccounts.support.snapshot;

/**
 * A source service's current state, written to its outbox as ordinary events (as Debezium's snapshot does), so
 * that a consumer can rebuild everything it derives from the service even when the topics no longer hold the
 * history: they were recreated, or retention removed old records. Each event carries the same version or
 * revision as the live one, so a consumer that already has it changes nothing.
 */
public interface SnapshotPublisher {
    /** Writes the snapshot's events, in transactions of its own choosing; returns how many were written. */
    long publish();
}
