package cn.finalaccounts.aggregation.messaging;

import cn.finalaccounts.aggregation.service.Rollup;
import cn.finalaccounts.support.consumer.OffsetStore;
import cn.finalaccounts.support.consumer.TransactionalEventLoop;
import cn.finalaccounts.support.outbox.TopicProvisioner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Feeds the accounts topics into the roll-up, one transaction per polled batch with the offsets. */
@ApplicationScoped
public class EventConsumer {
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

    private TransactionalEventLoop loop;

    void start(@Observes StartupEvent event) {
        loop = new TransactionalEventLoop("aggregation-rollup", bootstrapServers, topics, rollup::apply, offsets,
                topicProvisioner, pollTimeout, maxPollRecords);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }

    /** Records waiting on the topics, as of the last poll. */
    public long lag() {
        return loop.lag();
    }
}
