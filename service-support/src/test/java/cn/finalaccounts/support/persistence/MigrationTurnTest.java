package cn.finalaccounts.support.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/**
 * Two instances of a service starting at once against one schema: the second migrates only once the first has
 * finished. (On a single server Flyway's own named lock would serialize them too; on Galera, where Flyway takes none,
 * this turn is all there is, so the proof here holds the turn alone, without the named lock.)
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class MigrationTurnTest {
    private final Config config = ConfigProvider.getConfig();
    private final String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
    private final String migrator = config.getValue("quarkus.flyway.username", String.class);
    private final String password = config.getOptionalValue("quarkus.flyway.password", String.class).orElse("");

    @Test
    void anInstanceMigratesOnlyOnceTheInstanceMigratingBeforeItHasFinished() throws Exception {
        // The service's own migrations are in this schema already; this proof keeps a history of its own.
        Flyway instance = Flyway.configure().dataSource(url, migrator, password).locations("classpath:db/turn-proof")
                .table("turn_proof_history").baselineOnMigrate(true).baselineVersion("0")
                .callbacks(new MigrationTurn()).load();
        try (Connection other = DriverManager.getConnection(url, migrator, password)) {
            MigrationTurn.take(other); // another instance is migrating

            CompletableFuture<MigrateResult> migrating = CompletableFuture.supplyAsync(instance::migrate);

            awaitWaitingForTheTurn(migrating);
            assertFalse(migrating.isDone(), "migrated while another instance held the turn");
            assertFalse(exists("turn_proof"));

            other.rollback(); // the other instance has finished
            MigrateResult result = migrating.get(60, TimeUnit.SECONDS);
            assertEquals(1, result.migrationsExecuted);
            assertTrue(exists("turn_proof"));
        }
    }

    /** Until the migration asks for the turn and waits. */
    private void awaitWaitingForTheTurn(CompletableFuture<MigrateResult> migrating)
            throws SQLException, InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < until) {
            if (migrating.isDone()) {
                throw new AssertionError("migrated while another instance held the turn: " + migrating.join());
            }
            try (Connection c = DriverManager.getConnection(url, migrator, password);
                    Statement st = c.createStatement();
                    // A user sees its own sessions without the PROCESS privilege; the turn's query returns at once
                    // unless it waits for the lock.
                    ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.processlist"
                            + " WHERE command = 'Query' AND info LIKE 'SELECT id FROM " + MigrationTurn.TABLE + "%'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(50); // a poll: the migration runs on another thread and asks for the turn when it gets there
        }
        throw new AssertionError("no migration waited for the turn within 30 s");
    }

    private boolean exists(String table) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, migrator, password);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM information_schema.tables"
                        + " WHERE table_schema = DATABASE() AND table_name = '" + table + "'")) {
            rs.next();
            return rs.getInt(1) == 1;
        }
    }
}
