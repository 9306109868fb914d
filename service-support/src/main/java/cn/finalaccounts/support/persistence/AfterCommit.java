package cn.finalaccounts.support.persistence;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Runs something once the caller's transaction has committed, never when it rolls back: what a write hands to
 * memory or wakes (the outbox relay, the 汇总 in memory) must see only what the database kept.
 */
public final class AfterCommit {
    private AfterCommit() {
    }

    /** Registers {@code action} with the caller's transaction; it runs on the committing thread after the commit. */
    public static void run(TransactionSynchronizationRegistry transactions, Runnable action) {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    action.run();
                }
            }
        });
    }
}
