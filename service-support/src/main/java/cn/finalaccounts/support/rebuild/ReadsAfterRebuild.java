package cn.finalaccounts.support.rebuild;

/**
 * What an instance serves reads from besides the tables a rebuild fills, and must have caught up with before it
 * serves them again after a rebuild: aggregation-service's 汇总 in memory, which takes the other instances' batches
 * from the changelog a moment after they commit. Without such a bean, reads open once the stored offsets reach the
 * rebuild's target.
 */
public interface ReadsAfterRebuild {
    /** Marks what has been committed now; taken once the rebuild's last batch has committed. */
    long mark();

    /** True when what this instance serves includes everything up to the mark. */
    boolean reached(long mark);
}
