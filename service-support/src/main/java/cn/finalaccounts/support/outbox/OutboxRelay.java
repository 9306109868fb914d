package cn.finalaccounts.support.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import cn.finalaccounts.support.fault.OutageGuard;
import cn.finalaccounts.support.instance.ServiceInstance;
import cn.finalaccounts.support.kafka.EventSignatures;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import io.smallrye.faulttolerance.api.Guard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.CorruptRecordException;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes committed outbox rows to Kafka, oldest first, and marks them sent (at least once: a crash between
 * the send and the mark re-sends, which consumers absorb by event id and version).
 *
 * <p>A batch is one transaction: it takes the relay's turn (the one row of {@code outbox_relay_turn}, locked until it
 * commits), claims the oldest rows, and commits only after the broker acknowledged every record of it. The turn makes
 * the relays of several instances of a service publish one batch at a time, so each key's events reach Kafka once
 * and in order, whichever instance relays them; without it, two relays claiming side by side ({@code SKIP LOCKED})
 * could each send a different version of one unit, the newer first. The turn is a row lock, not a named lock: it is
 * replicated and certified by a Galera cluster, and released when a dead instance's connection closes.
 *
 * <p>While the broker or the database is away the relay backs off (capped, jittered) and tries again; saves go on
 * filling the outbox meanwhile. A row Kafka refuses for good (too large, say) is parked with the reason, and the
 * rows of the same key behind it wait (their order matters to consumers), while every other key goes on.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.outbox.enabled", stringValue = "true")
public class OutboxRelay {
    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    /**
     * The largest event the producer sends, before compression; the topics accept as much (TopicProvisioner), so a
     * record that passes the producer's check is never refused by the broker for its size.
     */
    public static final int MAX_EVENT_BYTES = 4 * 1024 * 1024;

    /**
     * Claims the oldest unpublished rows whose key has no parked row before them. The index is forced: for
     * {@code ORDER BY id LIMIT} MariaDB chose to walk the primary key from the table's first row, past every published
     * row kept for the retention, so a claim grew with the table (1.9 s at 524,000 rows in the 100,000-unit W1, where
     * the relay fell 8–12 s behind); on {@code (published_at, id)} the unpublished rows are one range, already in id
     * order (31 ms there).
     */
    static final String CLAIM = "SELECT o.id, o.topic, o.event_key, o.payload%s FROM outbox_event o"
            + " FORCE INDEX (ix_outbox_unpublished) WHERE o.published_at IS NULL AND o.parked_at IS NULL"
            + " AND NOT EXISTS (SELECT 1 FROM outbox_event p WHERE p.parked_at IS NOT NULL AND p.published_at IS NULL"
            + " AND p.event_key = o.event_key AND p.topic = o.topic AND p.id < o.id)"
            + " ORDER BY o.id LIMIT ? FOR UPDATE SKIP LOCKED";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    KafkaClientSettings kafka;

    @Inject
    ServiceInstance instance;

    @ConfigProperty(name = "fa.outbox.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "fa.outbox.idle-poll", defaultValue = "PT0.5S")
    Duration idlePoll;

    /** The longest pause between two tries while the broker or the database is away. */
    @ConfigProperty(name = "fa.outbox.max-backoff", defaultValue = "PT5S")
    Duration maxBackoff;

    /**
     * How long published rows are kept (they are the record of what was sent, for an operator tracing an event);
     * Kafka holds the events themselves. Without pruning the table grew by every report version's whole JSON: 726
     * MB after one W1 run of 10,000 units.
     */
    @ConfigProperty(name = "fa.outbox.retention", defaultValue = "P7D")
    Duration retention;

    @ConfigProperty(name = "fa.outbox.prune-interval", defaultValue = "PT10M")
    Duration pruneInterval;

    /** lz4: report JSON shrinks several times for little CPU; the broker stores the batches as sent. */
    @ConfigProperty(name = "fa.outbox.compression", defaultValue = "lz4")
    String compression;

    @Inject
    TopicProvisioner topics;

    /** Signs every record as this service's: consumers count no record its producer did not sign. */
    @Inject
    EventSignatures signatures;

    /**
     * The service's source of referred bodies, when it writes referring rows (accounts-service); without one the
     * outbox table needs no reference columns and rows are published as stored.
     */
    @Inject
    Instance<OutboxBodies> bodies;

    private String claim;

    private Instant nextPrune = Instant.EPOCH;

    private final Object signal = new Object();
    private boolean woken;
    private volatile boolean running;
    private volatile Instant failingSince;
    private volatile String lastError;
    private Thread worker;
    private KafkaProducer<String, String> producer;
    private Guard outageGuard;

    void start(@Observes StartupEvent event) {
        claim = String.format(CLAIM, bodies.isResolvable() ? ", o.body_ref, o.body_at" : "");
        Properties p = new Properties();
        p.putAll(kafka.common());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "2");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "60000");
        // A send to a topic the broker does not have waits this long for it; then the relay creates it (failed).
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_EVENT_BYTES);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        outageGuard = OutageGuard.create("outbox-relay", Duration.ofMillis(200), maxBackoff, () -> running,
                this::failed);
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

    /** When the relay started failing to publish (broker or database away); null while it works. */
    public Instant failingSince() {
        return failingSince;
    }

    /** The newest failure's message, kept after recovery; null if none. */
    public String lastError() {
        return lastError;
    }

    private void run() {
        while (running) {
            int sent;
            try {
                sent = outageGuard.call(this::relayOnce, Integer.class);
            } catch (Exception e) {
                if (running) {
                    failed(e);
                }
                continue;
            }
            if (failingSince != null) {
                LOG.infof("outbox relay: publishing again after failing since %s", failingSince);
                failingSince = null;
            }
            if (sent < batchSize) {
                awaitWork(idlePoll);
            }
        }
    }

    private int relayOnce() {
        topics.ensureTopics();
        int sent = relayBatch();
        if (sent < batchSize && Instant.now().isAfter(nextPrune)) {
            prunePublishedBefore(Instant.now().minus(retention));
            nextPrune = Instant.now().plus(pruneInterval);
        }
        return sent;
    }

    private void failed(Throwable e) {
        // The broker may have come back empty (its data removed): the next attempt creates the topics again.
        topics.recheck();
        if (failingSince == null) {
            failingSince = Instant.now();
            LOG.warnf("outbox relay: %s; retrying with backoff", e.getMessage());
        }
        LOG.debug("outbox relay failure", e);
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
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

    private record Claimed(long id, Future<RecordMetadata> ack) {
    }

    /** A claimed row as read; reference and place are null and 0 when it refers to no body. */
    private record Row(long id, String topic, String key, String payload, String reference, int at) {
        String topicKey() {
            return topic + '\u0000' + key;
        }
    }

    /**
     * How many rows' bodies are read in one statement: few enough that their decoded text stays small beside the
     * service's heap (a report's body is tens of KB), many enough that the statements are few.
     */
    static final int BODIES_PER_READ = 100;

    /**
     * Claims, publishes and marks one batch in one transaction; returns how many rows it published or parked. A row
     * Kafka refuses for good is parked; the rows of its key after it in the batch are not sent.
     */
    int relayBatch() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                // The claim locks the rows it read and no gap: under REPEATABLE READ its range lock on the unpublished
                // index also held up every save's outbox INSERT for as long as the broker took to answer (the fault
                // drill saw saves hang for 20 s while the broker was down).
                try (Statement s = c.createStatement()) {
                    s.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED");
                }
                takeTurn(c);
                List<Row> rows = claim(c);
                List<Claimed> claimed = new ArrayList<>();
                Set<String> blockedKeys = new HashSet<>();
                List<Long> published = new ArrayList<>();
                int parked = 0;
                for (int from = 0; from < rows.size(); from += BODIES_PER_READ) {
                    List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + BODIES_PER_READ));
                    Map<String, String> found = bodiesOf(c, chunk);
                    for (Row row : chunk) {
                        if (blockedKeys.contains(row.topicKey())) {
                            continue;
                        }
                        String value = withBody(c, row, found);
                        if (value == null) {
                            blockedKeys.add(row.topicKey());
                            parked++;
                            continue;
                        }
                        Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(row.topic(), null, row.key(),
                                value, signatures.sign(row.topic(), row.key(), value)));
                        // The producer refuses an oversized record at once, before anything is sent: its key's later
                        // rows must not overtake it.
                        if (ack.isDone() && !acknowledged(c, row.id(), ack, 0)) {
                            blockedKeys.add(row.topicKey());
                            parked++;
                        } else if (ack.isDone()) {
                            published.add(row.id());
                        } else {
                            claimed.add(new Claimed(row.id(), ack));
                        }
                    }
                }
                producer.flush();
                for (Claimed row : claimed) {
                    // A refusal that comes back from the broker parks the row; its key's later rows of this batch
                    // were sent already (the producer's check uses the topics' own limit, so this is rare).
                    if (acknowledged(c, row.id(), row.ack(), 30)) {
                        published.add(row.id());
                    } else {
                        parked++;
                    }
                }
                markPublished(c, published);
                return published.size() + parked;
            }
        });
    }

    /**
     * Waits for the relay's turn and holds it until the batch's transaction ends: one batch at a time, service-wide.
     */
    private void takeTurn(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_relay_turn SET holder = ?, taken_at = CURRENT_TIMESTAMP(3) WHERE id = 1")) {
            ps.setString(1, instance.id());
            if (ps.executeUpdate() != 1) {
                throw new IllegalStateException("outbox_relay_turn has no row 1: the service's migrations did not run");
            }
        }
    }

    /** The oldest unpublished rows whose key has no parked row before them, locked, in order. */
    private List<Row> claim(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        boolean referring = bodies.isResolvable();
        try (PreparedStatement ps = c.prepareStatement(claim)) {
            ps.setInt(1, batchSize);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            referring ? rs.getString(5) : null, referring ? rs.getInt(6) : 0));
                }
            }
        }
        return rows;
    }

    /** The bodies the rows refer to, read together (a missing one is absent from the map). */
    private Map<String, String> bodiesOf(Connection c, List<Row> rows) throws SQLException {
        Set<String> references = new LinkedHashSet<>();
        for (Row row : rows) {
            if (row.reference() != null) {
                references.add(row.reference());
            }
        }
        return references.isEmpty() ? Map.of() : bodies.get().bodies(c, references);
    }

    /**
     * The row's event with the body its reference names spliced in where the writer left {@code null}
     * ({@link OutboxWriter#appendReferring}); the stored payload as it is when the row refers to nothing. Null, and the
     * row parked, when the reference names nothing: its key's later rows wait, as behind a record Kafka refuses.
     */
    private static String withBody(Connection c, Row row, Map<String, String> found) throws SQLException {
        String payload = row.payload();
        if (row.reference() == null) {
            return payload;
        }
        int at = row.at();
        String body = found.get(row.reference());
        if (body == null || !payload.startsWith("null", at)) {
            park(c, row.id(), body == null ? "the body it refers to (" + row.reference() + ") is not there"
                    : "its stored event has no place for the body at " + at);
            return null;
        }
        return new StringBuilder(payload.length() + body.length()).append(payload, 0, at).append(body)
                .append(payload, at + 4, payload.length()).toString();
    }

    /** Why Kafka refuses this record whatever happens (too large, malformed), or null for a failure that may pass. */
    private static String refusedForGood(Throwable cause) {
        if (cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException
                || cause instanceof CorruptRecordException || cause instanceof SerializationException
                || cause instanceof InvalidTopicException) {
            return cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return null;
    }

    /** Waits for the broker's answer; true when it stored the record, false when it refused it for good (parked). */
    private static boolean acknowledged(Connection c, long id, Future<RecordMetadata> ack, long waitSeconds)
            throws Exception {
        try {
            ack.get(waitSeconds, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            String refusal = refusedForGood(e.getCause());
            if (refusal == null) {
                // An outage: nothing of the batch is marked and it is sent again later.
                throw e;
            }
            park(c, id, refusal);
            return false;
        }
    }

    private static void park(Connection c, long id, String reason) throws SQLException {
        LOG.errorf("outbox relay: parked row %d, which Kafka refuses for good: %s", id, reason);
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE outbox_event SET parked_at = CURRENT_TIMESTAMP(3), park_reason = ? WHERE id = ?")) {
            ps.setString(1, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
            ps.setLong(2, id);
            ps.executeUpdate();
        }
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
        if (ids.isEmpty()) {
            return;
        }
        // The database's time, to the millisecond, as the row's created_at (OutboxWriter): the two tell how long an
        // event waited for the relay. One statement for the batch: a JDBC batch, rewritten by the driver into one
        // UPDATE per row, was a tenth of the relay's time.
        try (PreparedStatement ps = c.prepareStatement("UPDATE outbox_event SET published_at = CURRENT_TIMESTAMP(3)"
                + " WHERE id IN (" + "?,".repeat(ids.size() - 1) + "?)")) {
            for (int i = 0; i < ids.size(); i++) {
                ps.setLong(i + 1, ids.get(i));
            }
            ps.executeUpdate();
        }
    }
}
