package cn.finalaccounts.support.fault;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Tells an outage (the database or the broker away, a lost connection, a deadlock or lock wait) from a failure that
 * trying again cannot cure (a value the database refuses, a bug). An outage is waited out; the other kind is set
 * aside so that it does not stop everything behind it.
 */
public final class TransientFailures {
    /** MariaDB/MySQL error codes of a lock wait timeout and a deadlock: the transaction may simply be run again. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private static final int DEADLOCK = 1213;

    private TransientFailures() {
    }

    /** True when {@code e} or one of its causes says the database or the broker could not be reached or answered. */
    public static boolean isTransient(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SQLTransientException || c instanceof SQLRecoverableException
                    || c instanceof SQLNonTransientConnectionException || c instanceof RetriableException
                    || c instanceof IOException) {
                return true;
            }
            if (c instanceof SQLException sql && isTransientState(sql)) {
                return true;
            }
            if (c.getCause() == c) {
                break;
            }
        }
        return false;
    }

    private static boolean isTransientState(SQLException sql) {
        String state = sql.getSQLState();
        // 08: connection exception; 40: transaction rollback (deadlock, serialization failure).
        if (state != null && (state.startsWith("08") || state.startsWith("40"))) {
            return true;
        }
        if (sql.getErrorCode() == LOCK_WAIT_TIMEOUT || sql.getErrorCode() == DEADLOCK) {
            return true;
        }
        // Agroal gives up waiting for a pooled connection with a bare SQLException.
        String message = sql.getMessage();
        return message != null && message.startsWith("Acquisition timeout");
    }
}
