package cn.finalaccounts.support.rebuild;

import java.time.Instant;

/**
 * One rebuild of what the service derives from events.
 *
 * @param sourcesDoneAt when every source service had re-published its state onto the topics; null before
 * @param target the end of each partition once the sources were done ("topic:partition=offset,…"): the rebuild
 *         is complete when the stored offsets reach it
 * @param lastError the newest failure while asking the sources, if any
 */
public record RebuildRun(long id, String reason, Instant startedAt, Instant sourcesDoneAt, String target,
        Instant completedAt, String lastError) {

    public String phase() {
        return completedAt != null ? "COMPLETED" : sourcesDoneAt != null ? "REPLAYING" : "ASKING_SOURCES";
    }
}
