package cn.finalaccounts.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * How much the relay has still to publish: rows waiting, the age of the oldest, rows parked. An operator alerts on
 * the age (the broker has been away, or a key is stuck behind a parked row); saves are not refused meanwhile.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.outbox.enabled", stringValue = "true")
public class OutboxBacklog {
    /** Scrapes and health probes within this long share one query. */
    private static final Duration CACHE = Duration.ofSeconds(1);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry registry;

    /** @param oldestUnpublishedAt when the oldest row still waiting was written; null when none waits */
    public record Snapshot(long unpublished, long parked, Instant oldestUnpublishedAt, Instant takenAt) {
        public double oldestAgeSeconds() {
            return oldestUnpublishedAt == null ? 0 : Duration.between(oldestUnpublishedAt, takenAt).toMillis() / 1000.0;
        }
    }

    private volatile Snapshot last;

    void registerMetrics(@Observes StartupEvent event) {
        Gauge.builder("fa.outbox.backlog", this, b -> b.current().unpublished()).baseUnit("rows")
                .description("Outbox rows not yet published (parked ones included)").register(registry);
        Gauge.builder("fa.outbox.oldest.unpublished.age", this, b -> b.current().oldestAgeSeconds())
                .baseUnit("seconds").description("Age of the oldest outbox row not yet published").register(registry);
        Gauge.builder("fa.outbox.parked", this, b -> b.current().parked()).baseUnit("rows")
                .description("Outbox rows Kafka refused for good, parked with the reason").register(registry);
    }

    /** The backlog as of at most a second ago; throws while the database cannot be read. */
    public Snapshot current() {
        Snapshot s = last;
        if (s != null && Duration.between(s.takenAt(), Instant.now()).compareTo(CACHE) < 0) {
            return s;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                // The rows' times are the database's (OutboxWriter): their age is taken on its clock, then placed on
                // this service's, so a skew between the two machines does not age the backlog.
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN parked_at IS NULL THEN 0 ELSE 1 END), 0),"
                        + " TIMESTAMPDIFF(MICROSECOND, MIN(created_at), CURRENT_TIMESTAMP(6))"
                        + " FROM outbox_event WHERE published_at IS NULL"); ResultSet rs = ps.executeQuery()) {
            rs.next();
            long ageMicros = rs.getLong(3);
            boolean none = rs.wasNull();
            Instant now = Instant.now();
            s = new Snapshot(rs.getLong(1), rs.getLong(2), none ? null : now.minusNanos(ageMicros * 1_000), now);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox backlog", e);
        }
        last = s;
        return s;
    }

    /** The newest outbox row's id (0 when the table is empty). */
    public long lastId() {
        return count("SELECT COALESCE(MAX(id), 0) FROM outbox_event", -1);
    }

    /** Rows up to this id still waiting to be published (parked ones, which never will be, left out). */
    public long waitingUpTo(long id) {
        return count("SELECT COUNT(*) FROM outbox_event WHERE id <= ? AND published_at IS NULL AND parked_at IS NULL",
                id);
    }

    private long count(String sql, long parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            if (parameter >= 0) {
                ps.setLong(1, parameter);
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox", e);
        }
    }
}
