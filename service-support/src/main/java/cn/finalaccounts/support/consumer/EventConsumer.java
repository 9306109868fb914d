package cn.finalaccounts.support.consumer;

import cn.finalaccounts.support.instance.ServiceInstance;
import cn.finalaccounts.support.kafka.EventSignatures;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the service's {@link TransactionalEventLoop} over {@code fa.kafka.topics}, feeding the service's one
 * {@link BatchApplier} bean, and publishes what the loop is doing as metrics. A service that consumes sets
 * {@code fa.consumer.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class EventConsumer {
    @Inject
    BatchApplier applier;

    @Inject
    OffsetStore offsets;

    @Inject
    RejectedEventStore rejected;

    @Inject
    EventSignatures signatures;

    @Inject
    TopicProvisioner topicProvisioner;

    @Inject
    MeterRegistry registry;

    @Inject
    ServiceInstance instance;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @Inject
    KafkaClientSettings kafka;

    @ConfigProperty(name = "fa.kafka.topics")
    List<String> topics;

    @ConfigProperty(name = "fa.consumer.poll-timeout", defaultValue = "PT0.2S")
    Duration pollTimeout;

    @ConfigProperty(name = "fa.consumer.max-poll-records", defaultValue = "2000")
    int maxPollRecords;

    /**
     * How long the broker may hold a fetch to fill a batch (up to 1 MiB). A batch writes each touched 汇总 once,
     * so under load a few more events per batch save whole rewrites of the region's and departments' sheets.
     */
    @ConfigProperty(name = "fa.consumer.batch-wait", defaultValue = "PT0.2S")
    Duration batchWait;

    /** The first pause after a failure; it doubles, with jitter, up to max-backoff while the outage lasts. */
    @ConfigProperty(name = "fa.consumer.first-backoff", defaultValue = "PT0.2S")
    Duration firstBackoff;

    /** The longest pause between two tries: the most a recovery waits after the outage ended. */
    @ConfigProperty(name = "fa.consumer.max-backoff", defaultValue = "PT5S")
    Duration maxBackoff;

    /** How often a record that fails while the database answers is tried alone before it is set aside. */
    @ConfigProperty(name = "fa.consumer.poison-attempts", defaultValue = "3")
    int poisonAttempts;

    /** The consumer group the service's instances share; empty: one instance takes every partition. */
    @ConfigProperty(name = "fa.consumer.group")
    Optional<String> group;

    /**
     * How many loops this instance runs, each with its own Kafka consumer, transaction and share of the partitions
     * (alone: partition number modulo loops; in a group: as Kafka assigns them). More than one lets a consumer whose
     * batches are CPU-bound (the 汇总) use a second core; the applier must then be safe to call from several threads.
     */
    @ConfigProperty(name = "fa.consumer.loops", defaultValue = "1")
    int loopCount;

    private final ConsumerMetrics metrics = new ConsumerMetrics();
    private volatile List<TransactionalEventLoop> loops = List.of();

    void start(@Observes StartupEvent event) {
        registerMetrics();
        startLoop();
    }

    void stop(@Observes ShutdownEvent event) {
        loops.forEach(TransactionalEventLoop::stop);
    }

    /**
     * Stops consuming, lets {@code clearDerivedState} empty what the events built (offsets included, in one
     * transaction), and starts again from the beginning of the topics: a rebuild.
     */
    public synchronized void restartFromScratch(Runnable clearDerivedState) {
        // A rebuild resumed at start-up may come before this bean's own start-up observer: then there is no loop
        // to stop yet, and that observer starts it, from the emptied offsets, right after.
        boolean running = !loops.isEmpty();
        if (running) {
            loops.forEach(TransactionalEventLoop::stop);
        }
        try {
            QuarkusTransaction.requiringNew().run(clearDerivedState);
        } finally {
            // Emptied or not (the database may be away), the loop runs again: never leave the service without one.
            if (running) {
                startLoop();
            }
        }
    }

    private synchronized void startLoop() {
        int count = Math.max(1, loopCount);
        List<TransactionalEventLoop> started = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            // The instance in the loop's name (its Kafka client id): the group's members tell which instance they are.
            TransactionalEventLoop loop = new TransactionalEventLoop(name + "-consumer" + (count == 1 ? "" : "-" + i)
                    + "@" + instance.id(),
                    group.filter(g -> !g.isBlank()).orElse(null), kafka.common(), topics, applier, offsets, rejected,
                    signatures, topicProvisioner, metrics, new TransactionalEventLoop.Settings(pollTimeout, maxPollRecords,
                            batchWait, firstBackoff, maxBackoff, poisonAttempts),
                    new TransactionalEventLoop.Share(i, count));
            loop.start();
            started.add(loop);
        }
        loops = List.copyOf(started);
    }

    /** What the instance's loops are doing, as one: the worst state, the sums, the earliest failure. */
    public ConsumerStatus status() {
        return ConsumerStatus.combine(loops.stream().map(TransactionalEventLoop::status).toList());
    }

    /** How many topic partitions this instance owns now (all, alone; its share, in a group). */
    public int ownedPartitions() {
        return status().ownedPartitions();
    }

    /** Records waiting on the topics, as last measured; -1 while not known. */
    public long lag() {
        return status().pendingEvents();
    }

    public ConsumerMetrics metrics() {
        return metrics;
    }

    private void registerMetrics() {
        for (String topic : topics) {
            Gauge.builder("fa.consumer.lag", this, c -> c.status().pendingByTopic().getOrDefault(topic, 0L))
                    .tag("topic", topic).baseUnit("records")
                    .description("Records on the topic not yet applied by this instance").register(registry);
            FunctionCounter.builder("fa.consumer.records.applied", metrics, m -> m.applied(topic))
                    .tag("topic", topic).description("Records applied to the service's data").register(registry);
            FunctionCounter.builder("fa.consumer.records.rejected", metrics, m -> m.rejected(topic))
                    .tag("topic", topic).description("Records set aside in rejected_event and the dead-letter topic")
                    .register(registry);
        }
        FunctionTimer.builder("fa.consumer.batch", metrics, ConsumerMetrics::batches, ConsumerMetrics::batchSeconds,
                        TimeUnit.SECONDS)
                .description("Batches committed: applied to the service's data (the summaries, in aggregation-service)"
                        + " with their offsets, in one transaction").register(registry);
        Gauge.builder("fa.consumer.last.applied.age", this, c -> secondsSince(c.status().lastAppliedAt()))
                .baseUnit("seconds").description("Seconds since this instance last applied a batch (-1: never)")
                .register(registry);
        Gauge.builder("fa.consumer.failing", this, c -> secondsSince(c.status().failingSince()))
                .baseUnit("seconds").description("Seconds the loop has been failing and retrying (-1: it works)")
                .register(registry);
        Gauge.builder("fa.consumer.misplaced.partitions", this, c -> c.status().misplacedOffsets().size())
                .description("Partitions whose stored offset the topic cannot serve (a rebuild is needed)")
                .register(registry);
    }

    private static double secondsSince(Instant t) {
        return t == null ? -1 : Duration.between(t, Instant.now()).toMillis() / 1000.0;
    }
}
