package cn.finalaccounts.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent (at least once: a crash between
 * the send and the mark re-sends, which consumers absorb by event id and version).
 *
 * <p>Rows are claimed with {@code SELECT … FOR UPDATE SKIP LOCKED} inside one transaction, and the transaction
 * commits only after the broker acknowledged every record of the batch; so several instances of a service can
 * relay side by side without publishing a row twice in normal operation.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.outbox.enabled", stringValue = "true")
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    @Inject
    AgroalDataSource dataSource;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "fa.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "fa.outbox.idle-poll", defaultValue = "PT0.5S")
    Duration idlePoll;

    /**
     * How long published rows are kept (they are the record of what was sent, for an operator tracing an event);
     * Kafka holds the events themselves. Without pruning the table grew by every report version's whole JSON: 726
     * MB after one W1 run of 10,000 units.
     */
    @ConfigProperty(name = "fa.outbox.retention", defaultValue = "P7D")
    Duration retention;

    @ConfigProperty(name = "fa.outbox.prune-interval", defaultValue = "PT10M")
    Duration pruneInterval;

    @Inject
    TopicProvisioner topics;

    private Instant nextPrune = Instant.EPOCH;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private Thread worker;
    private KafkaProducer<String, String> producer;

    void start(@Observes StartupEvent event) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        running = true;
        worker = new Thread(this::run, "outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        wake();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(5));
    }

    /** Called after a transaction that wrote outbox rows commits, so they leave without waiting for the poll. */
    public void wake() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    private void run() {
        Duration backoff = Duration.ofMillis(200);
        while (running) {
            try {
                topics.ensureTopics();
                int sent = relayBatch();
                backoff = Duration.ofMillis(200);
                if (sent < batchSize) {
                    if (Instant.now().isAfter(nextPrune)) {
                        prunePublishedBefore(Instant.now().minus(retention));
                        nextPrune = Instant.now().plus(pruneInterval);
                    }
                    awaitWork(idlePoll);
                }
            } catch (RuntimeException e) {
                LOG.warnf("outbox relay: %s; retrying in %d ms", e.getMessage(), backoff.toMillis());
                LOG.debug("outbox relay failure", e);
                awaitWork(backoff);
                backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : backoff.multipliedBy(2);
            }
        }
    }

    private void awaitWork(Duration max) {
        synchronized (signal) {
            if (!woken && running) {
                try {
                    signal.wait(max.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    /** Claims, publishes and marks one batch in one transaction; returns how many rows it published. */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<Long> ids = new ArrayList<>();
                List<Future<RecordMetadata>> acks = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement("SELECT id, topic, event_key, payload FROM outbox_event"
                        + " WHERE published_at IS NULL ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED")) {
                    ps.setInt(1, batchSize);
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getLong(1));
                            acks.add(producer.send(new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getString(4))));
                        }
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                producer.flush();
                for (Future<RecordMetadata> ack : acks) {
                    ack.get(30, TimeUnit.SECONDS);
                }
                markPublished(c, ids);
                return ids.size();
            }
        });
    }

    /**
     * Deletes rows published before the cutoff, a thousand per statement so that no long transaction holds the
     * table; unpublished rows are never touched. Returns how many went.
     */
    public int prunePublishedBefore(Instant cutoff) {
        int deleted = 0;
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "DELETE FROM outbox_event WHERE published_at < ? ORDER BY published_at LIMIT 1000")) {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            int n;
            do {
                n = ps.executeUpdate();
                deleted += n;
            } while (n == 1000);
        } catch (SQLException e) {
            throw new IllegalStateException("could not prune the outbox", e);
        }
        if (deleted > 0) {
            LOG.infof("outbox: pruned %d rows published before %s", deleted, cutoff);
        }
        return deleted;
    }

    private static void markPublished(Connection c, List<Long> ids) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_event SET published_at = ? WHERE id = ?")) {
            Timestamp now = Timestamp.from(Instant.now());
            for (Long id : ids) {
                ps.setTimestamp(1, now);
                ps.setLong(2, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }
}
