package cn.finalaccounts.aggregation;

import cn.finalaccounts.support.rebuild.DerivedState;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds a rebuild, when a test asks for it, right after the derived state (the mirrored tree included) was emptied
 * and committed and before the rebuild goes on: the moment a read used to find the tree empty and no rebuild
 * under way. Inert unless {@link #holdNext()} was called.
 */
@ApplicationScoped
public class HeldRebuild implements DerivedState {
    @Inject
    TransactionSynchronizationRegistry transactions;

    private volatile CountDownLatch emptied;
    private volatile CountDownLatch release;

    /** The next rebuild stops once its emptying has committed, until {@link #release()}. */
    public void holdNext() {
        emptied = new CountDownLatch(1);
        release = new CountDownLatch(1);
    }

    public boolean awaitEmptied(long seconds) throws InterruptedException {
        return emptied.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        release.countDown();
    }

    @Override
    public void clear() {
        CountDownLatch signal = emptied;
        CountDownLatch gate = release;
        if (signal == null || signal.getCount() == 0) {
            return;
        }
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status != Status.STATUS_COMMITTED) {
                    return;
                }
                signal.countDown();
                try {
                    gate.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
    }
}
