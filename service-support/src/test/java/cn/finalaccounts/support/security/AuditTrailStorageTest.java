package cn.finalaccounts.support.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.AppendOnlyTrail;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** How the audit trail is stored: to the microsecond, and beyond the reach of the user the service runs with. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AuditTrailStorageTest {
    @Inject
    AuditTrail trail;

    @Test
    @ActivateRequestContext
    void twoLinesWithinOneSecondKeepTheirMicrosecondsAndTheirOrder() {
        Caller caller = new Caller("times@431200", "times", "times", Set.of(Role.ADMIN), "431200", "127.0.0.1");
        Instant before = Instant.now().truncatedTo(ChronoUnit.MICROS);
        trail.record(caller, "proof.first", "proof/times", "431200", null);
        trail.record(caller, "proof.second", "proof/times", "431200", null);
        Instant after = Instant.now();
        List<AuditEntry> lines = trail.find("proof/times", 0, 10);
        assertEquals(List.of("proof.first", "proof.second"), lines.stream().map(AuditEntry::action).toList());
        Instant first = lines.get(0).at();
        Instant second = lines.get(1).at();
        // Cut to the whole second, the first line would lie before the moment it was written.
        assertFalse(first.isBefore(before), first + " is before " + before);
        assertTrue(first.isBefore(second), first + " is not before " + second);
        assertFalse(second.isAfter(after), second + " is after " + after);
        assertTrue(second.getEpochSecond() - first.getEpochSecond() <= 1);
        assertEquals(first, first.truncatedTo(ChronoUnit.MICROS));
    }

    @Test
    void theServiceUserCanOnlyAppendToTheTrailAndReadIt() throws SQLException {
        AppendOnlyTrail.assertTheServiceUserCannotRewriteIt();
    }

    @Test
    void evenTheOwnerOfTheSchemaCannotChangeOrDeleteALine() throws SQLException {
        Config config = ConfigProvider.getConfig();
        try (Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class),
                config.getValue("quarkus.flyway.username", String.class),
                config.getValue("quarkus.flyway.password", String.class)); Statement st = c.createStatement()) {
            st.executeUpdate("INSERT INTO audit_entry (at, subject, username, roles, action, outcome, resource)"
                    + " VALUES (CURRENT_TIMESTAMP(6), 'owner', 'owner', '', 'proof.owner', 'done', 'proof/owner')");
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE audit_entry SET subject = 'someone-else'"));
            assertTrue(update.getMessage().contains("append-only"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM audit_entry"));
            assertTrue(delete.getMessage().contains("append-only"), delete.getMessage());
        }
    }
}
