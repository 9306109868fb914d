package cn.finalaccounts.support.rebuild;

import java.time.Instant;

/**
 * One rebuild of what the service derives from events, one run for all of the service's instances.
 *
 * @param sourcesDoneAt when every source service had re-published its state onto the topics; null before
 * @param target the end of each partition once the sources were done ("topic:partition=offset,…"): the rebuild
 *         is complete when the stored offsets reach it
 * @param lastError the newest failure while asking the sources, if any
 * @param holder the instance that runs it (empties, asks the sources, watches the offsets); every instance applies
 * @param leaseLapsed its holder has not renewed its lease in time (it died or cannot reach the database): another
 *         instance may take the run over
 */
public record RebuildRun(long id, String reason, Instant startedAt, Instant sourcesDoneAt, String target,
        Instant completedAt, String lastError, String holder, boolean leaseLapsed) {

    public String phase() {
        return completedAt != null ? "COMPLETED" : sourcesDoneAt != null ? "REPLAYING" : "ASKING_SOURCES";
    }

    public boolean finished() {
        return completedAt != null;
    }
}
