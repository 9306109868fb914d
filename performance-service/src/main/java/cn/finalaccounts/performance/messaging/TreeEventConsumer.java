package cn.finalaccounts.performance.messaging;

import cn.finalaccounts.performance.service.TreeMirror;
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

/** Feeds the organisation-tree topic into {@link TreeMirror}, one transaction per batch with the offsets. */
@ApplicationScoped
public class TreeEventConsumer {
    @Inject
    TreeMirror mirror;

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
        loop = new TransactionalEventLoop("performance-tree", bootstrapServers, topics, mirror::apply, offsets,
                topicProvisioner, pollTimeout, maxPollRecords);
        loop.start();
    }

    void stop(@Observes ShutdownEvent event) {
        loop.stop();
    }
}
