package cn.finalaccounts.support.rebuild;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Rebuilds in the service's {@code rebuild_run} table, so one interrupted by a crash is finished after restart. */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class RebuildRuns {
    private static final Logger LOG = Logger.getLogger(RebuildRuns.class);

    @Inject
    AgroalDataSource dataSource;

    public RebuildRun begin(String reason) {
        Instant now = Instant.now();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO rebuild_run (reason, started_at) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return new RebuildRun(keys.getLong(1), reason, now, null, null, null, null);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the rebuild", e);
        }
    }

    public void sourcesDone(long id, String target) {
        update("UPDATE rebuild_run SET sources_done_at = ?, target_offsets = ? WHERE id = ?", id, target);
    }

    public void completed(long id) {
        update("UPDATE rebuild_run SET completed_at = ? WHERE id = ?", id, null);
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
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, reason, started_at, sources_done_at, target_offsets, completed_at, last_error"
                        + " FROM rebuild_run ORDER BY id DESC LIMIT 1"); ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                return Optional.empty();
            }
            return Optional.of(new RebuildRun(rs.getLong(1), rs.getString(2), instant(rs.getTimestamp(3)),
                    instant(rs.getTimestamp(4)), rs.getString(5), instant(rs.getTimestamp(6)), rs.getString(7)));
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the rebuilds", e);
        }
    }

    private void update(String sql, long id, String text) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setTimestamp(i++, Timestamp.from(Instant.now()));
            if (text != null) {
                ps.setString(i++, text);
            }
            ps.setLong(i, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the rebuild's progress", e);
        }
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
