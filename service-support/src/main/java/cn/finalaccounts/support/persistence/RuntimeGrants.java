package cn.finalaccounts.support.persistence;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.api.callback.BaseCallback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.jboss.logging.Logger;

/**
 * After every migration (Flyway's {@code afterMigrate}, run as the migrations' user, which owns the schema), grants
 * the user the service runs with exactly what it needs, table by table: SELECT, INSERT, UPDATE, DELETE on every
 * table, but only SELECT and INSERT on the audit trail {@code audit_entry} and the opened years ({@code opened_year},
 * {@code opened_year_file}), and only SELECT on Flyway's history and on {@link MigrationTurn}'s table.
 * The runtime user holds nothing at the database level, so it can never TRUNCATE, DROP, ALTER, or create or drop
 * a trigger: the trail is append-only against the service's own credentials, not only against its API.
 *
 * <p>Table-level grants, because MySQL and MariaDB cannot grant a database "except one table"; run after each
 * migration, so a table a later migration adds is granted at the next start without anyone re-provisioning.
 * Granting the same privilege again changes nothing, so this is idempotent. The runtime user's accounts are
 * {@code fa.db.user} at each host of {@code fa.db.runtime-hosts} (the hosts deploy/local/lib/db.sh creates it
 * for; {@code %} on Kubernetes); a host where the account does not exist is skipped, none at all fails the start.
 */
public class RuntimeGrants extends BaseCallback {
    private static final Logger LOG = Logger.getLogger(RuntimeGrants.class);
    /** Append and read, nothing more. */
    static final String AUDIT_TABLE = "audit_entry";
    /** Other tables whose rows are kept for good: the years accounts-service opened, and their files. */
    static final java.util.Set<String> KEPT_TABLES = java.util.Set.of("opened_year", "opened_year_file");
    static final String TRAIL_PRIVILEGES = "SELECT, INSERT";
    static final String TABLE_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE";

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.AFTER_MIGRATE;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        // GRANT commits implicitly.
        return false;
    }

    @Override
    public void handle(Event event, Context context) {
        Config config = ConfigProvider.getConfig();
        String runtimeUser = config.getValue("quarkus.datasource.username", String.class);
        String migrator = config.getOptionalValue("quarkus.flyway.username", String.class).orElse(runtimeUser);
        if (migrator.equals(runtimeUser)) {
            LOG.warnf("the service runs with its migrations' user %s: the audit trail is append-only only against"
                    + " the API (set fa.db.migrator-user, docs/database.md)", runtimeUser);
            return;
        }
        List<String> hosts = config.getOptionalValues("fa.db.runtime-hosts", String.class).orElse(List.of("%"));
        Connection connection = context.getConnection();
        try (Statement st = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = DATABASE() AND table_type = 'BASE TABLE' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            String history = context.getConfiguration().getTable();
            int granted = 0;
            for (String host : hosts) {
                String account = literal(runtimeUser) + "@" + literal(host.strip());
                try {
                    for (String table : tables) {
                        st.execute("GRANT " + privileges(table, history) + " ON " + identifier(table) + " TO "
                                + account);
                    }
                    granted++;
                } catch (SQLException e) {
                    // 1133: no such account at this host (db.sh creates it for some hosts only); 1410: the same,
                    // said as "not allowed to create a user with GRANT" (the migrator may not create users).
                    if (e.getErrorCode() != 1133 && e.getErrorCode() != 1410) {
                        throw e;
                    }
                    LOG.debugf("no account %s: %s", account, e.getMessage());
                }
            }
            if (granted == 0) {
                throw new IllegalStateException("the service's database user " + runtimeUser + " exists at none of"
                        + " the hosts " + hosts + " (fa.db.runtime-hosts): it could not be granted its tables");
            }
            LOG.infof("granted %s its rights on %d tables (%s only on %s) at %d host(s)", runtimeUser, tables.size(),
                    TRAIL_PRIVILEGES, AUDIT_TABLE, granted);
        } catch (SQLException e) {
            throw new IllegalStateException("could not grant the service's database user its tables", e);
        }
    }

    @Override
    public String getCallbackName() {
        return "runtime-grants";
    }

    static String privileges(String table, String history) {
        if (table.equalsIgnoreCase(AUDIT_TABLE) || KEPT_TABLES.contains(table.toLowerCase(java.util.Locale.ROOT))) {
            return TRAIL_PRIVILEGES;
        }
        if (table.equalsIgnoreCase(history) || table.equalsIgnoreCase(MigrationTurn.TABLE)) {
            return "SELECT";
        }
        return TABLE_PRIVILEGES;
    }

    private static String identifier(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    private static String literal(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "''") + "'";
    }
}
