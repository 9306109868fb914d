package cn.finalaccounts.support.consumer;

import cn.finalaccounts.support.kafka.KafkaClientSettings;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The whole consumer group of the service, not one member: who is in it and what waits on all of its partitions. The
 * group's true position is the offsets stored with the data (every instance's batches commit theirs there), so what
 * waits is the topics' end minus the stored offsets, whichever instance owns a partition, or none while a dead
 * member's partitions move. Measured in the background every {@code fa.consumer.group-watch} (readiness and
 * {@code /admin/consumer} read the last measurement, and never wait on a broker that does not answer).
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class ConsumerGroup {
    private static final Logger LOG = Logger.getLogger(ConsumerGroup.class);
    /** A measurement older than this is not shown: the broker has not answered since. */
    static final Duration MAX_AGE = Duration.ofSeconds(15);

    @Inject
    KafkaClientSettings kafka;

    @Inject
    OffsetStore offsets;

    @ConfigProperty(name = "fa.kafka.topics")
    List<String> topics;

    @ConfigProperty(name = "fa.consumer.group")
    Optional<String> group;

    /**
     * @param id the group's name; null when the service's instance reads every partition alone
     * @param members the group's members (each loop of each instance), with the partitions each owns now
     * @param partitions the topics' partitions
     * @param pendingEvents records on all partitions not yet applied by any instance (end − stored offset)
     * @param progressAt when the group was last seen with nothing waiting or with its stored offsets moving
     * @param measuredAt when this was measured
     */
    public record GroupStatus(String id, List<Member> members, int partitions, long pendingEvents,
            Map<String, Long> pendingByTopic, Instant progressAt, Instant measuredAt) {
    }

    /** One member: a loop of an instance ({@code clientId} names the service and loop, {@code host} the instance). */
    public record Member(String clientId, String host, int ownedPartitions) {
    }

    private volatile GroupStatus last;
    private long storedSum = -1;
    private Instant progressAt = Instant.now();
    private Admin admin;

    void stop(@Observes ShutdownEvent event) {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(2));
            }
        }
    }

    /** The group as last measured; empty before the first measurement and while the broker does not answer. */
    public Optional<GroupStatus> status() {
        GroupStatus g = last;
        return g == null || Duration.between(g.measuredAt(), Instant.now()).compareTo(MAX_AGE) > 0 ? Optional.empty()
                : Optional.of(g);
    }

    @Scheduled(every = "${fa.consumer.group-watch:2s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void measureNow() {
        try {
            last = measure();
        } catch (RuntimeException e) {
            LOG.debugf("could not describe the consumer group: %s", e.getMessage());
        }
    }

    private synchronized GroupStatus measure() {
        try {
            Admin a = admin();
            List<TopicPartition> partitions = new ArrayList<>();
            a.describeTopics(topics).allTopicNames().get(5, TimeUnit.SECONDS).forEach((topic, d) ->
                    d.partitions().forEach(p -> partitions.add(new TopicPartition(topic, p.partition()))));
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            partitions.forEach(tp -> {
                latest.put(tp, OffsetSpec.latest());
                earliest.put(tp, OffsetSpec.earliest());
            });
            var ends = a.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
            var beginnings = a.listOffsets(earliest).all().get(5, TimeUnit.SECONDS);
            Map<TopicPartition, Long> stored = offsets.load();
            long sum = stored.values().stream().mapToLong(Long::longValue).sum();
            long pending = 0;
            Map<String, Long> byTopic = new java.util.TreeMap<>();
            for (TopicPartition tp : partitions) {
                long from = stored.getOrDefault(tp, beginnings.get(tp).offset());
                long waiting = Math.max(0, ends.get(tp).offset() - from);
                pending += waiting;
                byTopic.merge(tp.topic(), waiting, Long::sum);
            }
            List<Member> members = new ArrayList<>();
            String id = group.filter(g -> !g.isBlank()).orElse(null);
            if (id != null) {
                ConsumerGroupDescription d = a.describeConsumerGroups(List.of(id)).describedGroups().get(id)
                        .get(5, TimeUnit.SECONDS);
                d.members().forEach(m -> members.add(new Member(m.clientId(), m.host(),
                        m.assignment().topicPartitions().size())));
                members.sort(Comparator.comparing(Member::host).thenComparing(Member::clientId));
            }
            Instant now = Instant.now();
            if (pending == 0 || sum != storedSum) {
                progressAt = now;
            }
            storedSum = sum;
            return new GroupStatus(id, List.copyOf(members), partitions.size(), pending, byTopic, progressAt, now);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not describe the consumer group: " + e.getMessage(), e);
        }
    }

    private Admin admin() {
        if (admin == null) {
            Map<String, Object> settings = kafka.common();
            settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
            settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000);
            settings.put(AdminClientConfig.CLIENT_ID_CONFIG, "consumer-group-view");
            admin = Admin.create(settings);
        }
        return admin;
    }
}
