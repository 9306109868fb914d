package cn.finalaccounts.support.rebuild;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Rebuilds in the service's {@code rebuild_run} table, shared by its instances: at most one run is unfinished
 * ({@code active}), its holder renews a lease on the database's clock, and a run whose lease lapsed is taken over by
 * another instance, so a rebuild whose runner died is finished without anyone restarting it.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class RebuildRuns {
    private static final Logger LOG = Logger.getLogger(RebuildRuns.class);
    private static final String COLUMNS = "id, reason, started_at, sources_done_at, target_offsets, completed_at,"
            + " last_error, holder, lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP(3)";

    @Inject
    AgroalDataSource dataSource;

    /**
     * How long a holder's lease lasts from its last renewal: the longest a rebuild waits for another instance
     * after its holder died. Renewed at every watch (1 s), so a few missed renewals do not lose it.
     */
    @ConfigProperty(name = "fa.rebuild.lease", defaultValue = "PT10S")
    Duration lease;

    /**
     * Records a new run held by {@code holder}; empty when another run is unfinished (the unique {@code active}
     * refuses a second: two instances asked at the same moment start one run between them).
     */
    public Optional<RebuildRun> begin(String reason, String holder) {
        Instant now = Instant.now();
        String why = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rebuild_run (reason, started_at, holder, lease_until, active)"
                        + " VALUES (?, ?, ?, CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND, 1)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, why);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setString(3, holder);
            ps.setLong(4, leaseMicros());
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return Optional.of(new RebuildRun(keys.getLong(1), why, now, null, null, null, null, holder, false));
            }
        } catch (SQLIntegrityConstraintViolationException another) {
            return Optional.empty();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the rebuild", e);
        }
    }

    /** Extends the holder's lease; false when the run is finished or another instance holds it now. */
    public boolean renew(long id, String holder) {
        return changesOneRow("UPDATE rebuild_run SET lease_until = CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND"
                + " WHERE id = ? AND holder = ? AND completed_at IS NULL", leaseMicros(), id, holder);
    }

    /**
     * Takes an unfinished run over when its lease has lapsed, or when {@code holder} already holds it (the same
     * instance started again); false when another instance holds it still, or took it first.
     */
    public boolean takeOver(long id, String holder) {
        return changesOneRow("UPDATE rebuild_run SET lease_until = CURRENT_TIMESTAMP(3) + INTERVAL ? MICROSECOND,"
                + " holder = ? WHERE id = ? AND completed_at IS NULL"
                + " AND (holder = ? OR holder IS NULL OR lease_until IS NULL OR lease_until < CURRENT_TIMESTAMP(3))",
                leaseMicros(), holder, id, holder);
    }

    private long leaseMicros() {
        return lease.toNanos() / 1000;
    }

    private boolean changesOneRow(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the rebuild's progress", e);
        }
    }

    /**
     * Records that the sources re-published their state and the end the topics had then; false when {@code holder}
     * no longer holds the run (another instance took it over and starts it again).
     */
    public boolean sourcesDone(long id, String holder, String target) {
        return changesOneRow("UPDATE rebuild_run SET sources_done_at = CURRENT_TIMESTAMP(3), target_offsets = ?"
                + " WHERE id = ? AND holder = ? AND completed_at IS NULL", target, id, holder);
    }

    /** Finishes the run; the next rebuild may start. */
    public void completed(long id) {
        changesOneRow("UPDATE rebuild_run SET completed_at = CURRENT_TIMESTAMP(3), active = NULL WHERE id = ?", id);
    }

    /** Notes the newest failure of a rebuild; never throws. */
    public void failedOnce(long id, String error) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE rebuild_run SET last_error = ? WHERE id = ?")) {
            ps.setString(1, error == null ? "?" : error.length() > 1000 ? error.substring(0, 1000) : error);
            ps.setLong(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Only a note for the operator, taken while something else fails: the database may well be away too.
            LOG.debugf("could not note the rebuild's failure: %s", e.getMessage());
        }
    }

    /** The newest rebuild, finished or not. */
    public Optional<RebuildRun> latest() {
        return one("SELECT " + COLUMNS + " FROM rebuild_run ORDER BY id DESC LIMIT 1");
    }

    /** The run under way, if any. */
    public Optional<RebuildRun> unfinished() {
        return one("SELECT " + COLUMNS + " FROM rebuild_run WHERE active = 1");
    }

    private Optional<RebuildRun> one(String sql) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new RebuildRun(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
                    instant(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7),
                    rs.getString(8), rs.getBoolean(9)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rebuilds", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
