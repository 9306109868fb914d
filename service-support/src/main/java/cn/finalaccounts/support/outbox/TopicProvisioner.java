package cn.finalaccounts.support.outbox;

import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the topics this service writes or reads when the broker does not have them yet, with the platform's
 * partition count and a record size limit that agrees with the relay's producer ({@link OutboxRelay#MAX_EVENT_BYTES}),
 * so a fresh broker needs no manual step. Topics that exist keep their settings.
 */
@ApplicationScoped
public class TopicProvisioner {
    @Inject
    KafkaClientSettings kafka;

    @ConfigProperty(name = "fa.kafka.topics")
    Optional<List<String>> topics;

    /** Topics the service writes but does not read (a dead-letter topic, say). */
    @ConfigProperty(name = "fa.kafka.produced-topics")
    Optional<List<String>> producedTopics;

    @ConfigProperty(name = "fa.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    /** A compressed batch of one record of the largest size, with room for the batch and record headers. */
    static final int MAX_BATCH_BYTES = OutboxRelay.MAX_EVENT_BYTES + 64 * 1024;

    private volatile boolean done;

    public void ensureTopics() {
        List<String> wanted = new java.util.ArrayList<>(topics.orElse(List.of()));
        wanted.addAll(producedTopics.orElse(List.of()));
        if (done || wanted.isEmpty()) {
            return;
        }
        Map<String, Object> settings = kafka.common();
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().distinct().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Topics.DEFAULT_PARTITIONS, replicationFactor)
                            .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_BATCH_BYTES))))
                    .toList();
            if (!missing.isEmpty()) {
                try {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            done = true;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not check or create the topics at " + kafka.bootstrapServers()
                    + " (broker away, or not allowed): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
