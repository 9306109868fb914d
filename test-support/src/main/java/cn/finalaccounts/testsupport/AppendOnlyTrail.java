package cn.finalaccounts.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Proves, on the real database, that the user a service runs with can append to its audit trail ({@code audit_entry})
 * and read it, and nothing more: every statement that would change, empty or unprotect the trail is refused by the
 * server's privileges (access denied), whatever the service's code does. The credentials are the running service's
 * own ({@code quarkus.datasource.*}), not the migrations' user.
 */
public final class AppendOnlyTrail {
    /** Each refused with "command denied": the runtime user holds only SELECT and INSERT on the table. */
    static final List<String> REWRITES = List.of(
            "UPDATE audit_entry SET subject = 'someone-else'",
            "DELETE FROM audit_entry",
            "TRUNCATE TABLE audit_entry",
            "DROP TRIGGER audit_entry_never_updated",
            "DROP TRIGGER audit_entry_never_deleted",
            "ALTER TABLE audit_entry ADD COLUMN forged INT NULL",
            "DROP TABLE audit_entry",
            "CREATE TRIGGER audit_entry_forged BEFORE INSERT ON audit_entry FOR EACH ROW SET NEW.subject = 'x'");

    private AppendOnlyTrail() {
    }

    /** Runs the proof with the running service's datasource credentials; fails the test on any breach. */
    public static void assertTheServiceUserCannotRewriteIt() throws SQLException {
        Config config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        String user = config.getValue("quarkus.datasource.username", String.class);
        String password = config.getOptionalValue("quarkus.datasource.password", String.class).orElse("");
        // The migrations run as another user, which owns the schema; the service must not be that user.
        String migrator = config.getOptionalValue("quarkus.flyway.username", String.class).orElse(user);
        assertNotEquals(user, migrator, "the service runs with the migrations' user");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO audit_entry (at, subject, username, roles, action, outcome, resource)"
                    + " VALUES (CURRENT_TIMESTAMP(6), 'append-only-proof', 'append-only-proof', '', 'proof.insert',"
                    + " 'done', 'proof')");
            long before = count(st);
            assertTrue(before >= 1);
            for (String rewrite : REWRITES) {
                SQLException refused = assertThrows(SQLException.class, () -> st.execute(rewrite),
                        user + " may run: " + rewrite);
                // 1142 ER_TABLEACCESS_DENIED_ERROR ("… command denied to user …"), 1044 at the database level.
                assertTrue(refused.getErrorCode() == 1142 || refused.getErrorCode() == 1044,
                        rewrite + " was refused for another reason: " + refused.getErrorCode() + " "
                                + refused.getMessage());
                assertTrue(refused.getMessage().contains("denied"), refused.getMessage());
            }
            assertEquals(before, count(st), "the trail changed");
        }
    }

    private static long count(Statement st) throws SQLException {
        try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM audit_entry")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
