package cn.finalaccounts.support.problem;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/**
 * Tells a failure of the infrastructure (the database unreachable, its connections killed, the pool unable to hand
 * out a connection in time) from a bug. The former is temporary and not the caller's doing: the answer is 503 with
 * Retry-After, so a client retries instead of reporting a defect. Whatever wraps it (Hibernate, the transaction
 * manager, Quarkus) the cause chain is searched.
 */
public final class InfrastructureLoss {
    /** Class names, so that service-support needs neither the driver nor Hibernate at compile time. */
    private static final Set<String> CONNECTION_FAILURES = Set.of(
            "com.mysql.cj.jdbc.exceptions.CommunicationsException",
            "com.mysql.cj.exceptions.CJCommunicationsException",
            "org.hibernate.exception.JDBCConnectionException",
            "io.agroal.pool.util.AgroalTimeoutException");
    /** Agroal reports an exhausted pool with a plain SQLException carrying only this message. */
    private static final String AGROAL_ACQUISITION_TIMEOUT = "acquisition timeout";

    private InfrastructureLoss() {
    }

    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable c = failure; c != null && depth < 32; c = c.getCause(), depth++) {
            if (c instanceof SQLTransientConnectionException || c instanceof SQLRecoverableException
                    || CONNECTION_FAILURES.contains(c.getClass().getName())) {
                return true;
            }
            if (c instanceof SQLException sql) {
                // SQL state class 08: connection exception (SQL:2016, used by MySQL and MariaDB drivers alike).
                if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains(AGROAL_ACQUISITION_TIMEOUT)) {
                    return true;
                }
            }
            for (Throwable s : c.getSuppressed()) {
                if (s != failure && isCause(s)) {
                    return true;
                }
            }
        }
        return false;
    }
}
