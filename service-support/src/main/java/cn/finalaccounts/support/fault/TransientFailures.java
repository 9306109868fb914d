package cn.finalaccounts.support.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells an outage from a failure that trying again cannot cure. An outage — the database unreachable, its
 * connections killed, the pool unable to hand out a connection in time, the broker away — is not the caller's doing:
 * a request gets 503 with Retry-After, and the event loop and the relay wait it out. Anything else (a value the
 * database refuses, a bug) is answered as such, or set aside so that it does not stop what comes behind it. Whatever
 * wraps the failure (Hibernate, the transaction manager, Quarkus), the cause chain is searched.
 */
public final class TransientFailures {
    /** Class names, so that service-support needs neither the driver nor Hibernate at compile time. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "com.mysql.cj.jdbc.exceptions.CommunicationsException",
            "com.mysql.cj.exceptions.CJCommunicationsException",
            "org.hibernate.exception.JDBCConnectionException",
            "io.agroal.pool.util.AgroalTimeoutException");
    /** Agroal reports an exhausted pool with a plain SQLException carrying only this message. */
    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";
    /** MariaDB/MySQL error codes of a lock wait timeout and a deadlock: the transaction may simply be run again. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;
    private static final int MAX_DEPTH = 32;

    private TransientFailures() {
    }

    /** True when the database could not be reached or lost the connection: a 503 for a request. */
    public static boolean isConnectionLoss(Throwable failure) {
        int depth = 0;
        for (Throwable c = failure; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLRecoverableException
                    || CONNECTION_FAILURES.contains(c.getClass().getName())) {
                return true;
            }
            if (c instanceof SQLException sql) {
                // SQL state class 08: connection exception (SQL:2016, used by MySQL and MariaDB drivers alike).
                if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().toLowerCase().contains(AGROAL_ACQUISITION_TIMEOUT)) {
                    return true;
                }
            }
            for (Throwable s : c.getSuppressed()) {
                if (s != failure && isConnectionLoss(s)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * True for any failure worth waiting out: a connection loss, a deadlock or lock wait, the broker's retriable
     * errors, an I/O error, another service that cannot be asked.
     */
    public static boolean isTransient(Throwable failure) {
        if (isConnectionLoss(failure)) {
            return true;
        }
        int depth = 0;
        for (Throwable c = failure; c != null && depth < MAX_DEPTH; c = c.getCause(), depth++) {
            if (c instanceof SQLTransientException || c instanceof RetriableException || c instanceof IOException
                    || c instanceof cn.finalaccounts.support.problem.SourceUnavailableProblem) {
                return true;
            }
            if (c instanceof SQLException sql && (sql.getErrorCode() == LOCK_WAIT_TIMEOUT
                    || sql.getErrorCode() == DEADLOCK || (sql.getSQLState() != null && sql.getSQLState().startsWith("40")))) {
                return true;
            }
        }
        return false;
    }
}
