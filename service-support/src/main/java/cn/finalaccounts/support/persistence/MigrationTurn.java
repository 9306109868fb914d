package cn.finalaccounts.support.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

/**
 * One instance of a service migrates its schema at a time. Flyway serializes instances with a named lock
 * ({@code GET_LOCK}) on MySQL and MariaDB but takes none on Galera, which does not support named locks: two replicas
 * started at once against an empty schema both ran its migrations and wrote the same history row. Instead, before
 * the migrations (Flyway's {@code beforeMigrate}) the instance locks the one row of {@value #TABLE} on a connection of
 * its own and keeps it until they are over, failed or not. A row lock is what Galera has: with one writer at a time
 * (HAProxy, a primary Service) every instance takes it on the same node; a single server is no different. An instance
 * that dies while migrating loses its connection, and with it the lock.
 */
public class MigrationTurn extends BaseCallback {
    private static final Logger LOG = Logger.getLogger(MigrationTurn.class);
    static final String TABLE = "migration_turn";
    /** Long enough for another instance's first migration of a whole schema on a slow cluster. */
    static final int WAIT_SECONDS = 600;

    private Connection held;

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_MIGRATE || event == Event.AFTER_MIGRATE_ERROR
                || event == Event.AFTER_MIGRATE_OPERATION_FINISH;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        // CREATE TABLE commits implicitly, and the lock lives on a connection of its own.
        return false;
    }

    @Override
    public synchronized void handle(Event event, Context context) {
        if (event == Event.BEFORE_MIGRATE) {
            try {
                held = take(context.getConfiguration().getDataSource().getConnection());
            } catch (SQLException e) {
                throw new IllegalStateException("could not take the turn to migrate the schema", e);
            }
        } else {
            release();
        }
    }

    /** Waits for the turn on the connection and keeps it there until {@link #release} (or the connection's end). */
    static Connection take(Connection connection) throws SQLException {
        long asked = System.nanoTime();
        try (Statement st = connection.createStatement()) {
            connection.setAutoCommit(true);
            st.execute("SET SESSION innodb_lock_wait_timeout = " + WAIT_SECONDS);
            // Created and filled only when missing: a CREATE waits for the metadata lock and an INSERT IGNORE for the
            // row lock of an instance holding the turn, so only the SELECT below may wait (the first instances of an
            // empty schema excepted, which then wait at the CREATE, as long).
            if (!exists(st)) {
                st.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY)");
            }
            try (ResultSet rows = st.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
                rows.next();
                if (rows.getInt(1) == 0) {
                    st.execute("INSERT IGNORE INTO " + TABLE + " (id) VALUES (1)");
                }
            }
            connection.setAutoCommit(false);
            st.executeQuery("SELECT id FROM " + TABLE + " WHERE id = 1 FOR UPDATE").close();
            long waited = (System.nanoTime() - asked) / 1_000_000;
            if (waited > 1_000) {
                LOG.infof("took the turn to migrate after %d ms: another instance was migrating", waited);
            }
            return connection;
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    private static boolean exists(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                + " WHERE table_schema = DATABASE() AND table_name = '" + TABLE + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }

    private void release() {
        if (held == null) {
            return;
        }
        try (Connection c = held) {
            c.rollback();
        } catch (SQLException e) {
            // Closing the connection ends its transaction, and the lock with it, all the same.
            LOG.debugf("releasing the turn to migrate: %s", e.getMessage());
        } finally {
            held = null;
        }
    }

    @Override
    public String getCallbackName() {
        return "migration-turn";
    }
}
