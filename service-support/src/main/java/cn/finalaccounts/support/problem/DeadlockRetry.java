package cn.finalaccounts.support.problem;

import io.quarkus.narayana.jta.QuarkusTransaction;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * Runs a unit of work in its own transaction and runs it again when it lost a race that running again cures:
 * <ul>
 * <li>the database chose it as the victim of a deadlock (SQL state 40001), which concurrent inserts under the same
 * parent can cause in InnoDB;</li>
 * <li>it inserted a row that a concurrent request inserted first (a duplicate key, MySQL/MariaDB error 1062): the
 * first write of a resource raced another first write. Run again, the work finds the row and updates it or
 * answers "unchanged", which makes concurrent first writes idempotent without a hand-written upsert.</li>
 * </ul>
 * The work is all-or-nothing, so running it again is safe. A duplicate key that persists after every attempt is not
 * a race; it is then reported as a conflict (409).
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
                boolean duplicate = isDuplicateKey(e);
                if (attempt >= ATTEMPTS || !(duplicate || isDeadlock(e))) {
                    if (duplicate) {
                        throw new ConflictProblem("a concurrent request kept writing the same resource; try again");
                    }
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

    /** ER_DUP_ENTRY, the MySQL and MariaDB error of a unique key violated by an insert. */
    private static final int DUPLICATE_KEY = 1062;

    static boolean isDuplicateKey(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }

    static boolean isDeadlock(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLException sql && "40001".equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
