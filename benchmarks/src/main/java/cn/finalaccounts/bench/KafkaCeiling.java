package cn.finalaccounts.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The raw Kafka ceiling of a run: how fast this broker, on this machine, at this moment, takes and gives back the
 * run's own records through a bare producer and consumer, with no database, outbox or audit in the way. The
 * platform's ingest can only approach this figure; the ratio of the two says how much of the gap is ours.
 *
 * <p>The topic is fresh (6 partitions like the platform's, replication 1 like the local broker) and deleted
 * afterwards, so the platform's topics are never touched.
 */
final class KafkaCeiling {
    /** What was measured; durations and rates are doubles (they are not money). */
    record Result(int records, long bytes, double produceSeconds, double joinSeconds, double consumeSeconds) {
        double produceRecordsPerSecond() {
            return records / produceSeconds;
        }

        double produceMiBPerSecond() {
            return bytes / (1024.0 * 1024.0) / produceSeconds;
        }

        double consumeRecordsPerSecond() {
            return records / consumeSeconds;
        }
    }

    private static final int PARTITIONS = 6;
    /** A consumer that makes no progress for this long has lost records: the ceiling fails rather than hangs. */
    private static final Duration STALL = Duration.ofSeconds(60);

    private KafkaCeiling() {
    }

    static Result measure(String bootstrap, String run, List<SentReports.Payload> payloads) throws Exception {
        String topic = "fa.bench.ceiling." + run;
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(adminProps)) {
            admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
            try {
                long bytes = payloads.stream().mapToLong(p -> p.json().length).sum();
                double produce = produce(bootstrap, topic, payloads);
                double[] consume = consume(bootstrap, topic, run, payloads.size());
                return new Result(payloads.size(), bytes, produce, consume[0], consume[1]);
            } finally {
                admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
            }
        }
    }

    /** Seconds from the first send until flush() returns, i.e. until every record is acknowledged by the broker. */
    private static double produce(String bootstrap, String topic, List<SentReports.Payload> payloads) throws Exception {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all"); // as the platform's outbox relay: a record counts once it is durable
        p.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "fa-bench-ceiling");
        AtomicReference<Exception> failure = new AtomicReference<>();
        try (KafkaProducer<byte[], byte[]> producer =
                     new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
            // Fetch the new topic's metadata before the clock starts: its creation is not part of the ceiling.
            producer.partitionsFor(topic);
            long start = System.nanoTime();
            for (SentReports.Payload payload : payloads) {
                producer.send(new ProducerRecord<>(topic, payload.unit().getBytes(StandardCharsets.UTF_8), payload.json()),
                        (meta, e) -> {
                            if (e != null) {
                                failure.compareAndSet(null, e);
                            }
                        });
            }
            producer.flush();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (failure.get() != null) {
                throw new IllegalStateException("the Kafka ceiling's producer lost a record", failure.get());
            }
            return seconds;
        }
    }

    /**
     * Reads the topic from the beginning in a fresh group until every record is back. Returns the group join (from
     * subscribe until the partitions are assigned) and the reading itself (from the assignment to the last record)
     * separately: the join is a one-off coordinator round trip, not throughput, and would dwarf a small run.
     */
    private static double[] consume(String bootstrap, String topic, String run, int expected) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "fa-bench-ceiling-" + run);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"); // the group is thrown away with the topic
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, "fa-bench-ceiling");
        try (KafkaConsumer<byte[], byte[]> consumer =
                     new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            long subscribed = System.nanoTime();
            AtomicLong assigned = new AtomicLong();
            consumer.subscribe(Set.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Called inside poll(), before that poll fetches: the reading starts here.
                    if (!partitions.isEmpty()) {
                        assigned.compareAndSet(0, System.nanoTime());
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                }
            });
            long lastProgress = subscribed;
            int seen = 0;
            while (seen < expected) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                long now = System.nanoTime();
                if (!records.isEmpty()) {
                    seen += records.count();
                    lastProgress = now;
                } else if (now - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("the Kafka ceiling's consumer got " + seen + " of " + expected
                            + " records and then nothing for " + STALL.toSeconds() + " s");
                }
            }
            long done = System.nanoTime();
            return new double[] {(assigned.get() - subscribed) / 1e9, (done - assigned.get()) / 1e9};
        }
    }
}
