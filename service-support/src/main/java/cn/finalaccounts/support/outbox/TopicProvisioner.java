package cn.finalaccounts.support.outbox;

import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
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
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates the topics this service writes or reads when the broker does not have them yet, with the platform's
 * partition count and a record size limit that agrees with the relay's producer ({@link OutboxRelay#MAX_EVENT_BYTES}),
 * so a fresh broker needs no manual step. Topics that exist keep their settings. Asked again after a failure, it
 * creates them again when the broker lost them (stopped, its data removed, started empty).
 */
@ApplicationScoped
public class TopicProvisioner {
    private static final Logger LOG = Logger.getLogger(TopicProvisioner.class);

    @Inject
    KafkaClientSettings kafka;

    @ConfigProperty(name = "fa.kafka.topics")
    Optional<List<String>> topics;

    /** Topics the service writes but does not read (a dead-letter topic, say). */
    @ConfigProperty(name = "fa.kafka.produced-topics")
    Optional<List<String>> producedTopics;

    /** Copies of every partition: 1 on one broker, 3 in the cluster (deploy/local/platform.sh up --cluster, deploy/k8s). */
    @ConfigProperty(name = "fa.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    /**
     * Copies a write must reach before the broker acknowledges it (the producers send {@code acks=all}); by default one
     * fewer than the replication factor, so one broker may be lost without losing a write or stopping the writers.
     */
    @ConfigProperty(name = "fa.kafka.min-insync-replicas")
    Optional<Short> minInsyncReplicas;

    /** A compressed batch of one record of the largest size, with room for the batch and record headers. */
    static final int MAX_BATCH_BYTES = OutboxRelay.MAX_EVENT_BYTES + 64 * 1024;

    private volatile boolean done;

    /** The settings a created topic gets: the record size limit and the writes' durability. */
    Map<String, String> topicConfig() {
        short insync = minInsyncReplicas.orElse((short) Math.max(1, replicationFactor - 1));
        return Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, String.valueOf(MAX_BATCH_BYTES),
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(insync));
    }

    /**
     * Creates the missing topics once; later calls return at once until {@link #recheck()} (a relay or a loop that
     * failed asks again: the broker may have been replaced by an empty one meanwhile).
     */
    public void ensureTopics() {
        if (!done) {
            provision();
        }
    }

    /** The next {@link #ensureTopics()} lists the topics again and creates those the broker no longer has. */
    public void recheck() {
        done = false;
    }

    /**
     * Lists the topics, creates the missing ones, and returns the id of each of the service's topics. A topic deleted
     * and created again (or a broker replaced by an empty one) has a new id: a consumer compares them to tell a topic
     * that holds its history from one that only has its name.
     */
    public Map<String, Uuid> provision() {
        List<String> wanted = new java.util.ArrayList<>(topics.orElse(List.of()));
        wanted.addAll(producedTopics.orElse(List.of()));
        wanted = wanted.stream().distinct().toList();
        if (wanted.isEmpty()) {
            done = true;
            return Map.of();
        }
        Map<String, Object> settings = kafka.common();
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(settings)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, Topics.DEFAULT_PARTITIONS, replicationFactor)
                            .configs(topicConfig()))
                    .toList();
            if (!missing.isEmpty()) {
                LOG.infof("creating the topics %s at %s", missing.stream().map(NewTopic::name).toList(),
                        kafka.bootstrapServers());
                try {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            Map<String, Uuid> ids = new HashMap<>();
            admin.describeTopics(wanted).allTopicNames().get(10, TimeUnit.SECONDS)
                    .forEach((name, description) -> ids.put(name, description.topicId()));
            done = true;
            return ids;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not check or create the topics at " + kafka.bootstrapServers()
                    + " (broker away, or not allowed): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
