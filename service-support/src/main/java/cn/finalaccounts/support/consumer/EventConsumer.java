package cn.finalaccounts.support.consumer;

import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Runs the service's {@link TransactionalEventLoop} over {@code fa.kafka.topics}, feeding the service's one
 * {@link BatchApplier} bean. A service that consumes sets {@code fa.consumer.enabled=true}.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class EventConsumer {
    @Inject
    BatchApplier applier;

    @Inject
    OffsetStore offsets;

    @Inject
    TopicProvisioner topicProvisioner;

    @ConfigProperty(name = "quarkus.application.name")
    String name;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

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

    /** The consumer group the service's instances share; empty: one instance takes every partition. */
    @ConfigProperty(name = "fa.consumer.group")
    java.util.Optional<String> group;

    private TransactionalEventLoop loop;

    void start(@Observes StartupEvent event) {
        startLoop();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /**
     * Stops consuming, lets {@code clearDerivedState} empty what the events built (offsets included, in one
     * transaction), and starts again from the beginning of the topics: a rebuild.
     */
    public synchronized void restartFromScratch(Runnable clearDerivedState) {
        loop.stop();
        QuarkusTransaction.requiringNew().run(clearDerivedState);
        startLoop();
    }

    private synchronized void startLoop() {
        loop = new TransactionalEventLoop(name + "-consumer", group.filter(g -> !g.isBlank()).orElse(null),
                bootstrapServers, topics, applier, offsets, topicProvisioner, pollTimeout, maxPollRecords,
                batchWait);
        loop.start();
    }

    /** How many topic partitions this instance owns now (all, alone; its share, in a group). */
    public int ownedPartitions() {
        return loop.ownedPartitions();
    }

    /** Records waiting on the topics, as of the last poll. */
    public long lag() {
        return loop.lag();
    }
}
