package cn.finalaccounts.aggregation.messaging;

import cn.finalaccounts.aggregation.persistence.OffsetStore;
import cn.finalaccounts.aggregation.service.Rollup;
import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Reads the accounts topics and applies each polled batch, together with the next offsets, in one database
 * transaction. Offsets live in the database (not in Kafka's group coordinator), so after a crash the consumer
 * resumes exactly after the last batch whose effects were committed: exactly once in effect.
 */
@ApplicationScoped
public class EventConsumer {
    private static final Logger LOG = Logger.getLogger(EventConsumer.class);

    @Inject
    Rollup rollup;

    @Inject
    OffsetStore offsets;

    @Inject
    TopicProvisioner topicProvisioner;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "fa.kafka.topics")
    List<String> topics;

    @ConfigProperty(name = "fa.consumer.poll-timeout", defaultValue = "PT0.2S")
    Duration pollTimeout;

    @ConfigProperty(name = "fa.consumer.max-poll-records", defaultValue = "2000")
    int maxPollRecords;

    private volatile boolean running;
    private Thread worker;
    private KafkaConsumer<String, String> consumer;
    /** Records on the topics not yet applied, per partition, as of the last poll: the freshness lag. */
    private final Map<TopicPartition, Long> lag = new ConcurrentHashMap<>();

    void start(@Observes StartupEvent event) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "aggregation-rollup");
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        running = true;
        worker = new Thread(this::run, "rollup-consumer");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        consumer.wakeup();
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Unapplied records per topic partition as of the last poll. */
    public long lag() {
        return lag.values().stream().mapToLong(Long::longValue).sum();
    }

    private void run() {
        try {
            assignAndSeek();
            while (running) {
                ConsumerRecords<String, String> records = consumer.poll(pollTimeout);
                if (!records.isEmpty()) {
                    applyOrRewind(records);
                }
                recordLag();
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("the roll-up consumer stopped; restart the service", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Waits for the topics, takes every partition and resumes from the offsets stored with the 汇总. */
    private void assignAndSeek() {
        while (running) {
            try {
                topicProvisioner.ensureTopics();
                List<TopicPartition> partitions = new ArrayList<>();
                for (String topic : topics) {
                    for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
                        partitions.add(new TopicPartition(info.topic(), info.partition()));
                    }
                }
                consumer.assign(partitions);
                seekToStored(partitions);
                return;
            } catch (RuntimeException e) {
                if (e instanceof WakeupException) {
                    throw e;
                }
                LOG.warnf("waiting for Kafka: %s", e.getMessage());
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void seekToStored(List<TopicPartition> partitions) {
        Map<TopicPartition, Long> stored = offsets.load();
        List<TopicPartition> fresh = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            Long next = stored.get(tp);
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
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                rollup.apply(batch);
                offsets.save(next);
            });
        } catch (RuntimeException e) {
            // Nothing of the batch was committed: go back to the stored offsets and try again.
            LOG.warnf(e, "could not apply %d events; retrying from the stored offsets", batch.size());
            sleep(Duration.ofSeconds(1));
            seekToStored(new ArrayList<>(consumer.assignment()));
        }
    }

    private void recordLag() {
        for (TopicPartition tp : consumer.assignment()) {
            consumer.currentLag(tp).ifPresent(l -> lag.put(tp, l));
        }
    }

    private void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
