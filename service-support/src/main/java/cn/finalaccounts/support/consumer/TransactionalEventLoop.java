package cn.finalaccounts.support.consumer;

import cn.finalaccounts.support.fault.OutageGuard;
import cn.finalaccounts.support.fault.TransientFailures;
import cn.finalaccounts.support.kafka.EventSignatures;
import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.faulttolerance.api.Guard;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.InvalidOffsetException;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * Reads topics and applies each polled batch, together with the next offsets, in one database transaction.
 * Offsets live in the service's database (not in Kafka's group coordinator), so after a crash the loop resumes
 * exactly after the last batch whose effects were committed: exactly once in effect.
 *
 * <p>Alone, the loop takes every partition. In a consumer group (several instances of the service), Kafka shares
 * the partitions out and each instance, on assignment, resumes from the offsets stored in the database. The
 * offsets are advanced with compare-and-set: a batch commits only if the stored offset of each of its partitions
 * is still the one this instance started from, so an instance that lost a partition during a rebalance can never
 * apply its in-flight batch on top of the new owner's work.
 *
 * <p>The loop never gives up. An outage (broker or database away, a lost connection, a timeout) is waited out with
 * a capped, jittered exponential backoff, after which the loop goes back to the offsets stored in the database and
 * goes on. A record that fails for a reason waiting cannot cure (an amount the database refuses, a bug) while the
 * database answers is isolated by applying its batch one record at a time, tried {@code poisonAttempts} times, and
 * then set aside in {@code rejected_event} (and the dead-letter topic) with the reason, its offset advanced in the
 * same transaction, so the records behind it are applied. A record its topic's producer did not sign
 * ({@link EventSignatures}) is set aside the same way at once, before the applier sees anything of its batch.
 */
public final class TransactionalEventLoop {
    private static final Logger LOG = Logger.getLogger(TransactionalEventLoop.class);
    /** How often the lag behind the end of the topics is measured (one metadata round trip). */
    private static final Duration LAG_INTERVAL = Duration.ofMillis(250);
    /** How long a metadata request (partitions, end offsets) may wait for the broker before it counts as a failure. */
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration METADATA_MAX_AGE = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How often the topics' ids are compared with those first seen, while nothing fails: a topic deleted and created
     * again may hold more records than the stored offset by the time the loop looks, and then nothing else tells.
     */
    private static final Duration TOPIC_CHECK_INTERVAL = Duration.ofSeconds(5);

    /** How the loop polls, backs off and gives up on a record. */
    public record Settings(Duration pollTimeout, int maxPollRecords, Duration batchWait, Duration firstBackoff,
            Duration maxBackoff, int poisonAttempts) {
    }

    /**
     * Which partitions a loop takes when it runs without a group: those whose number leaves {@code index} when
     * divided by {@code count}, so {@code count} loops of one instance share every topic's partitions between them.
     * In a group, Kafka shares them among all the loops of all the instances instead.
     */
    public record Share(int index, int count) {
        public static final Share ALL = new Share(0, 1);

        public Share {
            if (count < 1 || index < 0 || index >= count) {
                throw new IllegalArgumentException("loop " + index + " of " + count);
            }
        }

        boolean owns(int partition) {
            return partition % count == index;
        }
    }

    private final String name;
    private final String groupId;
    private final List<String> topics;
    private final BatchApplier applier;
    private final OffsetStore offsets;
    private final RejectedEventStore rejected;
    private final EventSignatures signatures;
    private final TopicProvisioner topicProvisioner;
    private final ConsumerMetrics metrics;
    private final Settings settings;
    private final Share share;
    /** Makes the Kafka client; a new one replaces a client that broke (see {@link #pollOrMarkBroken}). */
    private final Function<Properties, Consumer<String, String>> clients;
    private final Properties clientProperties;
    private volatile Consumer<String, String> consumer;
    /** Set when the client failed in a way that leaves it unusable: the next turn closes it and makes another. */
    private boolean clientBroken;
    private final Guard outageGuard;

    /** Per owned partition, the offset stored in the database as this instance last saw or wrote it (-1: none). */
    private final Map<TopicPartition, Long> stored = new ConcurrentHashMap<>();
    /** Owned partitions whose stored offset the topic cannot serve; paused until a rebuild. */
    private final Map<TopicPartition, ConsumerStatus.MisplacedOffset> misplaced = new ConcurrentHashMap<>();
    /** Records not yet applied per owned partition, as last measured. */
    private final Map<TopicPartition, Long> pending = new ConcurrentHashMap<>();
    /** Failed attempts of a record applied alone, by partition and offset; cleared when it is applied or set aside. */
    private final Map<TopicPartition, Map<Long, Integer>> poisonAttempts = new HashMap<>();
    /** The id of each topic as this loop first saw it: a new id means the topic was deleted and created again. */
    private final Map<String, Uuid> topicIds = new HashMap<>();
    /** Topics whose id changed under this loop: what they hold now is not what the stored offsets counted. */
    private final Set<String> recreated = ConcurrentHashMap.newKeySet();
    private volatile boolean lagKnown;
    private long lagMeasuredAt;
    private long topicsCheckedAt = System.nanoTime();
    private long offsetsCheckedAt = System.nanoTime();
    /** How often an idle loop compares its partitions' stored offsets with what it believes them to be. */
    private static final Duration OFFSET_CHECK_INTERVAL = Duration.ofSeconds(1);
    /** Set when the consumer's positions may not be the stored offsets: re-seek before the next poll is applied. */
    private volatile boolean needsSeek;
    private boolean subscribed;
    private volatile int clientsReplaced;

    private volatile boolean running;
    private volatile Instant startedAt;
    private volatile Instant joinedAt;
    private volatile Instant lastAppliedAt;
    private volatile Instant failingSince;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private Thread worker;

    /**
     * @param groupId the consumer group shared by the service's instances, or null to take every partition alone
     * @param clientSettings where the broker is and how to authenticate ({@code KafkaClientSettings})
     */
    public TransactionalEventLoop(String name, String groupId, Map<String, Object> clientSettings, List<String> topics,
            BatchApplier applier, OffsetStore offsets, RejectedEventStore rejected, EventSignatures signatures,
            TopicProvisioner topicProvisioner, ConsumerMetrics metrics, Settings settings) {
        this(name, groupId, clientSettings, topics, applier, offsets, rejected, signatures, topicProvisioner, metrics,
                settings, Share.ALL);
    }

    public TransactionalEventLoop(String name, String groupId, Map<String, Object> clientSettings, List<String> topics,
            BatchApplier applier, OffsetStore offsets, RejectedEventStore rejected, EventSignatures signatures,
            TopicProvisioner topicProvisioner, ConsumerMetrics metrics, Settings settings, Share share) {
        this(name, groupId, clientSettings, topics, applier, offsets, rejected, signatures, topicProvisioner, metrics,
                settings, share, p -> new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer()));
    }

    /** With the client made by {@code clients} from the loop's properties (tests give one that fails on cue). */
    TransactionalEventLoop(String name, String groupId, Map<String, Object> clientSettings, List<String> topics,
            BatchApplier applier, OffsetStore offsets, RejectedEventStore rejected, EventSignatures signatures,
            TopicProvisioner topicProvisioner, ConsumerMetrics metrics, Settings settings, Share share,
            Function<Properties, Consumer<String, String>> clients) {
        this.name = name;
        this.signatures = signatures;
        this.share = share;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.applier = applier;
        this.offsets = offsets;
        this.rejected = rejected;
        this.topicProvisioner = topicProvisioner;
        this.metrics = metrics;
        this.settings = settings;
        Properties p = new Properties();
        p.putAll(clientSettings);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Positions come only from the stored offsets. Kafka must never move one by itself: a position past the end of
        // a recreated topic would be reset silently, so instead poll throws, the loop seeks to the stored offsets
        // again, and a stored offset the topic cannot serve is reported (seekToStored).
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        // Only what the brokers hold as committed (a transactional producer's aborted records never count); the
        // relays' producers are idempotent, not transactional, so today this changes nothing but is what holds when
        // one is.
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, settings.maxPollRecords());
        // The broker answers a fetch once it has 1 MiB or after batchWait, whichever comes first.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.max(1, settings.batchWait().toMillis()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        // A hung broker (its connections open, nothing answering) holds a fetch or an offset request, and every
        // request queued behind it, until this: with the default 30 s the loops stood still for most of a minute
        // although the controller had fenced the broker after 9 s and the others led its partitions. Well above the
        // fetch's wait (batchWait) and a healthy broker's slowest answer here.
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
        // A topic deleted and created again (or a new broker) is seen within seconds, not after the 5-minute default:
        // a member left with no partition would otherwise sit idle that long before the misplaced offsets show.
        p.put(ConsumerConfig.METADATA_MAX_AGE_CONFIG, (int) METADATA_MAX_AGE.toMillis());
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // Partitions move between instances without stopping the others.
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
            // A crashed instance's partitions move to the others after this long without a heartbeat.
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        }
        this.clients = clients;
        this.clientProperties = p;
        this.consumer = clients.apply(p);
        // Once stopping, a failure (the wake-up itself) ends the loop instead of being waited out.
        this.outageGuard = OutageGuard.create(name, settings.firstBackoff(), settings.maxBackoff(), () -> running,
                this::failed);
    }

    public void start() {
        running = true;
        startedAt = Instant.now();
        worker = new Thread(this::run, name);
        worker.setDaemon(true);
        worker.start();
    }

    public void stop() {
        running = false;
        consumer.wakeup();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public ConsumerStatus status() {
        Map<String, Long> byTopic = new TreeMap<>();
        long total = 0;
        for (Map.Entry<TopicPartition, Long> e : pending.entrySet()) {
            byTopic.merge(e.getKey().topic(), e.getValue(), Long::sum);
            total += e.getValue();
        }
        String state = !running ? ConsumerStatus.STOPPED
                : !misplaced.isEmpty() ? ConsumerStatus.HALTED
                : failingSince != null ? ConsumerStatus.RETRYING : ConsumerStatus.RUNNING;
        return new ConsumerStatus(state, stored.size(), lagKnown ? total : -1, byTopic, startedAt, joinedAt, lastAppliedAt,
                failingSince, lastError, lastErrorAt, List.copyOf(misplaced.values()));
    }

    private void run() {
        try {
            while (running) {
                try {
                    outageGuard.call(() -> {
                        step();
                        return null;
                    }, Void.class);
                } catch (WakeupException e) {
                    // stop() asked the consumer to return
                } catch (Exception e) {
                    if (running) {
                        // Only reached if the retry itself gave up; the outer loop is the last safety net.
                        failed(e);
                    }
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** One turn: (re)join the topics if needed, poll, apply, measure the lag. Any failure is retried by the guard. */
    private void step() {
        if (clientBroken) {
            replaceClient();
        }
        if (!subscribed) {
            subscribe();
        }
        if (needsSeek) {
            seekToStored(new ArrayList<>(consumer.assignment()));
        }
        ConsumerRecords<String, String> records = pollOrMarkBroken();
        if (needsSeek) {
            // A rebalance during this poll could not read the stored offsets: these records may start anywhere.
            return;
        }
        if (!records.isEmpty()) {
            apply(records);
        } else if (System.nanoTime() - offsetsCheckedAt > OFFSET_CHECK_INTERVAL.toNanos() && offsetsMovedElsewhere()) {
            needsSeek = true;
            return;
        }
        measureLag();
        if (System.nanoTime() - topicsCheckedAt > TOPIC_CHECK_INTERVAL.toNanos() && topicRecreated()) {
            needsSeek = true;
            return;
        }
        if (joinedAt == null) {
            joinedAt = Instant.now();
        }
        if (failingSince != null) {
            LOG.infof("%s: working again after failing since %s", name, failingSince);
            failingSince = null;
        }
    }

    /**
     * Polls; a failure that says the client itself is broken marks it for replacement before it is rethrown. Seen:
     * the classic consumer's heartbeat thread died of an {@code IllegalStateException} ("Invalid attempt to complete a
     * request future which is already complete", kafka-clients 4.1.2, under a saturated CPU); its poll threw once and
     * then went on fetching the partitions it had while sending no heartbeat, so the group gave them to the other
     * loop and both applied them for six minutes (the stored offsets kept the 汇总 exact; the work was double and
     * freshness minutes behind). Only a new client rejoins the group. An outage (retriable), an offset the topic
     * cannot serve and a wake-up are not the client's fault and keep it.
     */
    private ConsumerRecords<String, String> pollOrMarkBroken() {
        try {
            return consumer.poll(settings.pollTimeout());
        } catch (WakeupException | InvalidOffsetException | RetriableException e) {
            throw e;
        } catch (RuntimeException e) {
            clientBroken = true;
            throw e;
        }
    }

    /** Closes the broken client (leaving the group, its partitions revoked) and makes a new one that joins again. */
    private void replaceClient() {
        LOG.warnf("%s: replacing its Kafka client, which failed: %s", name, lastError);
        try {
            consumer.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf(e, "%s: closing the broken client failed too", name);
        }
        stored.clear();
        pending.clear();
        misplaced.clear();
        lagKnown = false;
        consumer = clients.apply(clientProperties);
        subscribed = false;
        needsSeek = false;
        clientBroken = false;
        clientsReplaced++;
    }

    /** How many times this loop replaced a broken Kafka client. */
    int clientsReplaced() {
        return clientsReplaced;
    }

    private void failed(Throwable e) {
        needsSeek = true;
        lagKnown = false;
        Instant now = Instant.now();
        if (failingSince == null) {
            failingSince = now;
            LOG.warnf(e, "%s: %s; retrying with backoff from the stored offsets", name, e.getMessage());
        } else {
            LOG.debugf(e, "%s: still failing", name);
        }
        noteError(e);
    }

    private void noteError(Throwable e) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        lastErrorAt = Instant.now();
    }

    /**
     * Waits for the topics; alone, takes every partition of its share; in a group, subscribes and resumes each partition from
     * its stored offset when Kafka assigns it.
     */
    private void subscribe() {
        learnTopics();
        if (groupId != null) {
            consumer.subscribe(topics, new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    if (!partitions.isEmpty()) {
                        LOG.infof("%s: assigned %s", name, partitions);
                    }
                    try {
                        seekToStored(new ArrayList<>(partitions));
                    } catch (RuntimeException e) {
                        // Seek them all before applying anything; the records of this poll are dropped.
                        failed(e);
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    partitions.forEach(tp -> {
                        stored.remove(tp);
                        pending.remove(tp);
                        misplaced.remove(tp);
                    });
                    lagKnown = false;
                }
            });
        } else {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                for (PartitionInfo info : consumer.partitionsFor(topic, METADATA_TIMEOUT)) {
                    if (share.owns(info.partition())) {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
            }
            consumer.assign(partitions);
            needsSeek = true;
        }
        subscribed = true;
    }

    /**
     * Puts each partition at the offset stored with the data. A stored offset the topic cannot serve (beyond its
     * end, or before its beginning) is never silently skipped or waited on: the partition is paused and reported.
     */
    private void seekToStored(List<TopicPartition> partitions) {
        if (partitions.isEmpty()) {
            needsSeek = false;
            return;
        }
        // After any failure: a broker replaced by an empty one has none of the topics (the end offsets below would
        // time out for good), and one deleted and created again has a new id.
        learnTopics();
        Map<TopicPartition, Long> inDatabase = offsets.load();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, METADATA_TIMEOUT);
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, METADATA_TIMEOUT);
        List<TopicPartition> fresh = new ArrayList<>();
        List<TopicPartition> halted = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = inDatabase.get(tp);
            stored.put(tp, next == null ? -1L : next);
            long end = ends.getOrDefault(tp, 0L);
            long beginning = beginnings.getOrDefault(tp, 0L);
            ConsumerStatus.MisplacedOffset wrong = next == null ? null
                    : next > end ? new ConsumerStatus.MisplacedOffset(tp.topic(), tp.partition(), next, beginning, end,
                            "stored offset beyond the end of the partition: the topic was recreated or the broker"
                                    + " replaced; rebuild from the source services")
                    : next < beginning ? new ConsumerStatus.MisplacedOffset(tp.topic(), tp.partition(), next, beginning,
                            end, "records before offset " + beginning + " were removed before they were applied;"
                                    + " rebuild from the source services")
                    : next > 0 && recreated.contains(tp.topic()) ? new ConsumerStatus.MisplacedOffset(tp.topic(),
                            tp.partition(), next, beginning, end, "the topic was deleted and created again (or the"
                                    + " broker replaced) since the offset was stored: its records are not the ones"
                                    + " applied; rebuild from the source services")
                    : null;
            if (wrong != null) {
                if (misplaced.put(tp, wrong) == null) {
                    LOG.errorf("%s: %s-%d: %s (stored %d, topic holds %d..%d)", name, tp.topic(), tp.partition(),
                            wrong.reason(), next, beginning, end);
                }
                halted.add(tp);
                // Paused, it is not fetched; it still needs a valid position, or every poll would throw.
                consumer.seek(tp, end);
            } else {
                misplaced.remove(tp);
                if (next == null) {
                    fresh.add(tp);
                } else {
                    consumer.seek(tp, next);
                }
            }
        }
        consumer.seekToBeginning(fresh);
        consumer.pause(halted);
        List<TopicPartition> fine = new ArrayList<>(partitions);
        fine.removeAll(halted);
        consumer.resume(fine);
        needsSeek = false;
    }

    /**
     * A loop that commits nothing is never fenced, so an idle one compares its partitions' stored offsets with what it
     * last stored or read: another instance's rebuild empties them all, and a loop that went on from where it was
     * would never re-read its partitions (the rebuild never reached its target: two instances, the snapshot adding
     * nothing to this loop's partitions). True when one differs; the loop then seeks to the stored offsets.
     */
    private boolean offsetsMovedElsewhere() {
        offsetsCheckedAt = System.nanoTime();
        try {
            Map<TopicPartition, Long> inDatabase = offsets.load();
            for (TopicPartition tp : consumer.assignment()) {
                long believed = stored.getOrDefault(tp, -1L);
                long actual = inDatabase.getOrDefault(tp, -1L);
                if (believed != actual) {
                    LOG.infof("%s: %s-%d's stored offset is %d, not %d: changed by another instance (a rebuild emptied"
                            + " it); reading on from the stored offsets", name, tp.topic(), tp.partition(), actual,
                            believed);
                    return true;
                }
            }
        } catch (RuntimeException e) {
            LOG.debugf("%s: could not compare the stored offsets: %s", name, e.getMessage());
        }
        return false;
    }

    /** The periodic check: a failure of it alone (the admin request timed out) is no reason to stop applying. */
    private boolean topicRecreated() {
        try {
            return learnTopics();
        } catch (RuntimeException e) {
            topicsCheckedAt = System.nanoTime();
            LOG.debugf("%s: could not compare the topics' ids: %s", name, e.getMessage());
            return false;
        }
    }

    /**
     * Creates the topics the broker does not have (a broker replaced by an empty one, a topic deleted), as at start,
     * and notes the topics whose id changed since this loop first saw them; true when one did since the last call.
     */
    private boolean learnTopics() {
        boolean changed = false;
        for (Map.Entry<String, Uuid> e : topicProvisioner.provision().entrySet()) {
            String topic = e.getKey();
            if (!topics.contains(topic)) {
                continue;
            }
            Uuid before = topicIds.putIfAbsent(topic, e.getValue());
            if (before != null && !before.equals(e.getValue()) && recreated.add(topic)) {
                LOG.warnf("%s: the topic %s was deleted and created again (id %s, before %s)", name, topic,
                        e.getValue(), before);
                changed = true;
            }
        }
        topicsCheckedAt = System.nanoTime();
        return changed;
    }

    private void apply(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        records.forEach(batch::add);
        try {
            commit(batch);
        } catch (OffsetStore.FencedException e) {
            fenced(e);
        } catch (RuntimeException e) {
            if (TransientFailures.isTransient(e) || !offsets.databaseAnswers()) {
                throw e;
            }
            // Waiting cannot cure this batch: apply its records one by one to find the one that fails.
            LOG.warnf(e, "%s: a batch of %d records failed while the database answers; applying them one by one",
                    name, batch.size());
            for (ConsumerRecord<String, String> record : batch) {
                if (!applyAlone(record)) {
                    return;
                }
            }
        }
    }

    /** Applies one record in its own transaction; returns false when fenced (the rest must be re-read). */
    private boolean applyAlone(ConsumerRecord<String, String> record) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        while (true) {
            try {
                commit(List.of(record));
                forgetAttempts(tp, record.offset());
                return true;
            } catch (OffsetStore.FencedException e) {
                fenced(e);
                return false;
            } catch (RuntimeException e) {
                if (TransientFailures.isTransient(e) || !offsets.databaseAnswers()) {
                    throw e;
                }
                noteError(e);
                int attempts = poisonAttempts.computeIfAbsent(tp, k -> new HashMap<>()).merge(record.offset(), 1,
                        Integer::sum);
                if (attempts >= settings.poisonAttempts()) {
                    setAside(record, e);
                    forgetAttempts(tp, record.offset());
                    return true;
                }
                LOG.warnf("%s: %s-%d@%d failed (attempt %d of %d): %s", name, record.topic(), record.partition(),
                        record.offset(), attempts, settings.poisonAttempts(), e);
            }
        }
    }

    private void forgetAttempts(TopicPartition tp, long offset) {
        Map<Long, Integer> attempts = poisonAttempts.get(tp);
        if (attempts != null) {
            attempts.remove(offset);
        }
    }

    /** Keeps the record in rejected_event (and the dead-letter topic) and moves past it, in one transaction. */
    private void setAside(ConsumerRecord<String, String> record, RuntimeException cause) {
        TopicPartition tp = new TopicPartition(record.topic(), record.partition());
        String reason = "failed " + settings.poisonAttempts() + " times: " + rootMessage(cause);
        LOG.errorf(cause, "%s: set aside %s-%d@%d: %s", name, record.topic(), record.partition(), record.offset(),
                reason);
        long from = stored.getOrDefault(tp, -1L);
        QuarkusTransaction.requiringNew().run(() -> {
            rejected.reject(record.topic(), record.partition(), record.offset(), record.key(), reason, record.value());
            offsets.advance(Map.of(tp, from), Map.of(tp, record.offset() + 1));
        });
        stored.put(tp, record.offset() + 1);
        metrics.countRejected(record.topic());
    }

    /** The batch and its next offsets in one transaction; the compare-and-set on the offsets fences stale owners. */
    private void commit(List<ConsumerRecord<String, String>> batch) {
        Map<TopicPartition, Long> next = new HashMap<>();
        Map<String, Integer> perTopic = new HashMap<>();
        for (ConsumerRecord<String, String> r : batch) {
            next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
            perTopic.merge(r.topic(), 1, Integer::sum);
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        next.keySet().forEach(tp -> expected.put(tp, stored.getOrDefault(tp, -1L)));
        long started = System.nanoTime();
        List<String> refusedTopics = new ArrayList<>();
        QuarkusTransaction.requiringNew().run(() -> {
            refusedTopics.clear();
            applier.apply(genuine(batch, refusedTopics));
            offsets.advance(expected, next);
        });
        refusedTopics.forEach(topic -> {
            metrics.countRejected(topic);
            perTopic.merge(topic, -1, Integer::sum);
        });
        metrics.countBatch(System.nanoTime() - started);
        stored.putAll(next);
        lastAppliedAt = Instant.now();
        perTopic.forEach(metrics::countApplied);
    }

    /**
     * The records of the batch their producer signed; every other one is set aside with the reason in the caller's
     * transaction, before anything of it is decoded, and not tried again (a signature does not get better).
     */
    private List<ConsumerRecord<String, String>> genuine(List<ConsumerRecord<String, String>> batch,
            List<String> refusedTopics) {
        List<ConsumerRecord<String, String>> genuine = new ArrayList<>(batch.size());
        for (ConsumerRecord<String, String> r : batch) {
            String refusal = signatures.refusal(r);
            if (refusal == null) {
                genuine.add(r);
            } else {
                LOG.errorf("%s: set aside %s-%d@%d: %s", name, r.topic(), r.partition(), r.offset(), refusal);
                rejected.reject(r.topic(), r.partition(), r.offset(), r.key(), refusal, r.value());
                refusedTopics.add(r.topic());
            }
        }
        return genuine;
    }

    private void fenced(OffsetStore.FencedException e) {
        // Another instance owns (or owned) one of these partitions and moved on: nothing of this batch counted.
        LOG.infof("%s: %s; re-reading from the stored offsets", name, e.getMessage());
        needsSeek = true;
    }

    /** Σ (end offset − position) per assigned partition, measured at most every LAG_INTERVAL. */
    private void measureLag() {
        long now = System.nanoTime();
        if (lagKnown && now - lagMeasuredAt < LAG_INTERVAL.toNanos()) {
            return;
        }
        Collection<TopicPartition> assigned = consumer.assignment();
        Map<TopicPartition, Long> ends = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        pending.keySet().retainAll(assigned);
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            ConsumerStatus.MisplacedOffset wrong = misplaced.get(e.getKey());
            long position = wrong != null ? wrong.storedOffset() : consumer.position(e.getKey(), METADATA_TIMEOUT);
            pending.put(e.getKey(), Math.max(0, e.getValue() - position));
        }
        lagKnown = true;
        lagMeasuredAt = now;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root == e ? String.valueOf(e.getMessage())
                : e.getClass().getSimpleName() + " caused by " + root.getClass().getSimpleName() + ": " + root.getMessage();
        return message.length() > 900 ? message.substring(0, 900) : message;
    }
}
