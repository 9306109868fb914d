package cn.finalaccounts.support.consumer;

import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
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
 */
public final class TransactionalEventLoop {
    private static final Logger LOG = Logger.getLogger(TransactionalEventLoop.class);
    /** Pause before re-reading a batch whose transaction failed (database or broker away). */
    private static final Duration RETRY_PAUSE = Duration.ofSeconds(1);

    private final String name;
    private final String groupId;
    private final List<String> topics;
    private final BatchApplier applier;
    private final OffsetStore offsets;
    private final TopicProvisioner topicProvisioner;
    private final KafkaConsumer<String, String> consumer;
    private final Duration pollTimeout;
    /** How often the lag behind the end of the topics is measured (one metadata round trip). */
    private static final Duration LAG_INTERVAL = Duration.ofMillis(250);
    /** Records on the topics not yet applied, as last measured; -1 until the first measurement. */
    private volatile long lag = -1;
    private long lagMeasuredAt;
    /** Per owned partition, the offset stored in the database as this instance last saw or wrote it (-1: none). */
    private final Map<TopicPartition, Long> stored = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile boolean running;
    private Thread worker;

    /** @param groupId the consumer group shared by the service's instances, or null to take every partition alone */
    public TransactionalEventLoop(String name, String groupId, String bootstrapServers, List<String> topics,
            BatchApplier applier, OffsetStore offsets, TopicProvisioner topicProvisioner, Duration pollTimeout,
            int maxPollRecords, Duration batchWait) {
        this.name = name;
        this.groupId = groupId;
        this.topics = List.copyOf(topics);
        this.applier = applier;
        this.offsets = offsets;
        this.topicProvisioner = topicProvisioner;
        this.pollTimeout = pollTimeout;
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        // The broker answers a fetch once it has 1 MiB or after batchWait, whichever comes first.
        p.put(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 1024 * 1024);
        p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.max(1, batchWait.toMillis()));
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, name);
        if (groupId != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            // Partitions move between instances without stopping the others.
            p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
            // A crashed instance's partitions move to the others after this long without a heartbeat.
            p.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "10000");
            p.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "3000");
        }
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    public void start() {
        running = true;
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

    /** How many topic partitions this instance owns now. */
    public int ownedPartitions() {
        return stored.size();
    }

    /** Records on the topics not yet applied, as last measured (at most a quarter second ago); -1: not yet known. */
    public long lag() {
        return lag;
    }

    private void run() {
        try {
            assignAndSeek();
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    applyOrRewind(records);
                }
                measureLag();
            }
        } catch (WakeupException e) {
            if (running) {
                LOG.errorf(e, "%s stopped unexpectedly; restart the service", name);
            }
        } catch (RuntimeException e) {
            LOG.errorf(e, "%s stopped; restart the service", name);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Waits for the topics; alone, takes every partition and resumes from the offsets stored with the data; in a
     * group, subscribes and resumes each partition from its stored offset when Kafka assigns it.
     */
    private void assignAndSeek() {
        while (running) {
            try {
                topicProvisioner.ensureTopics();
                if (groupId != null) {
                    consumer.subscribe(topics, new ConsumerRebalanceListener() {
                        @Override
                        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                            seekToStored(new ArrayList<>(partitions));
                            lag = -1; // unknown until measured over the new assignment
                        }

                        @Override
                        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                            partitions.forEach(stored::remove);
                            lag = -1;
                        }
                    });
                    return;
                }
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
                consumer.assign(partitions);
                seekToStored(partitions);
                return;
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warnf("%s waiting for Kafka: %s", name, e.getMessage());
                pause();
            }
        }
    }

    private void seekToStored(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> inDatabase = offsets.load();
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = inDatabase.get(tp);
            stored.put(tp, next == null ? -1L : next);
            if (next == null) {
                fresh.add(tp);
            } else {
                consumer.seek(tp, next);
            }
        }
        consumer.seekToBeginning(fresh);
    }

    private void applyOrRewind(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> batch = new ArrayList<>(records.count());
        Map<TopicPartition, Long> next = new HashMap<>();
        for (ConsumerRecord<String, String> r : records) {
            batch.add(r);
            next.put(new TopicPartition(r.topic(), r.partition()), r.offset() + 1);
        }
        Map<TopicPartition, Long> expected = new HashMap<>();
        next.keySet().forEach(tp -> expected.put(tp, stored.getOrDefault(tp, -1L)));
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                applier.apply(batch);
                offsets.advance(expected, next);
            });
            stored.putAll(next);
        } catch (OffsetStore.FencedException e) {
            // Another instance owns (or owned) one of these partitions and moved on: nothing of this batch counted.
            LOG.infof("%s: %s; re-reading from the stored offsets", name, e.getMessage());
            seekToStored(new ArrayList<>(consumer.assignment()));
        } catch (RuntimeException e) {
            // Nothing of the batch was committed: go back to the stored offsets and try again.
            LOG.warnf(e, "%s could not apply %d events; retrying from the stored offsets", name, batch.size());
            pause();
            seekToStored(new ArrayList<>(consumer.assignment()));
        }
    }

    /** Σ (end offset − position) over the assigned partitions, measured at most every LAG_INTERVAL. */
    private void measureLag() {
        long now = System.nanoTime();
        if (lag >= 0 && now - lagMeasuredAt < LAG_INTERVAL.toNanos()) {
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
        long behind = 0;
        for (Map.Entry<TopicPartition, Long> e : ends.entrySet()) {
            behind += Math.max(0, e.getValue() - consumer.position(e.getKey()));
        }
        lag = behind;
        lagMeasuredAt = now;
    }

    private void pause() {
        try {
            Thread.sleep(RETRY_PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
