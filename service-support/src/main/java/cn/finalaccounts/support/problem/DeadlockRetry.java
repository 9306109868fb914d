package cn.finalaccounts.support.problem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction and runs it again when the database chose it as the victim of a
 * deadlock (SQL state 40001), which concurrent inserts under the same parent can cause in InnoDB. The work is
 * all-or-nothing, so running it again is safe.
 */
public final class DeadlockRetry {
    private static final int ATTEMPTS = 8;

    private DeadlockRetry() {
    }

    public static <T> T inTransaction(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return QuarkusTransaction.requiringNew().call(work::get);
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isDeadlock(e)) {
                    throw e;
                }
                backOff(attempt);
            }
        }
    }

    /** A short random pause that grows with the attempts, so the transactions that collided do not collide again. */
    private static void backOff(int attempt) {
        try {
            Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(5, 20L * attempt));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isDeadlock(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
