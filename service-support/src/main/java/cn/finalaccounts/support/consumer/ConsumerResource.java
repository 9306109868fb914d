package cn.finalaccounts.support.consumer;

import io.quarkus.arc.properties.IfBuildProperty;
import jakarta.inject.Inject;
import cn.finalaccounts.support.security.Permission;
import cn.finalaccounts.support.security.Access;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What the service's event loop is doing, for an operator: every consuming service answers it the same way. */
@Path("/api/v1/admin/consumer")
@Produces(MediaType.APPLICATION_JSON)
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class ConsumerResource {
    @Inject
    EventConsumer consumer;

    @Inject
    OffsetStore offsets;

    @Inject
    RejectedEventStore rejected;

    @Inject
    ConsumerGroup group;

    @Inject
    Access access;

    /**
     * @param pendingEvents records waiting on this instance's partitions (-1: not known while the loop fails)
     * @param lastEventAppliedAt when any instance last applied a batch (from the database)
     * @param rejectedByTopic records ever set aside in rejected_event, per topic
     * @param appliedSinceStart records this instance applied since it started, per topic
     * @param group the service's whole consumer group (all instances); null while the broker does not answer
     */
    public record ConsumerView(String state, long pendingEvents, Map<String, Long> pendingByTopic,
            Instant lastEventAppliedAt, int ownedPartitions, Instant failingSince, String lastError,
            Instant lastErrorAt, List<ConsumerStatus.MisplacedOffset> misplacedOffsets,
            Map<String, Long> rejectedByTopic, Map<String, Long> appliedSinceStart, ConsumerGroup.GroupStatus group) {
    }

    @GET
    public ConsumerView get() {
        access.require(Permission.SEE_STATUS);
        ConsumerStatus s = consumer.status();
        Map<String, Long> applied = new TreeMap<>();
        s.pendingByTopic().keySet().forEach(t -> applied.put(t, consumer.metrics().applied(t)));
        return new ConsumerView(s.state(), s.pendingEvents(), s.pendingByTopic(), offsets.lastAppliedAt(),
                s.ownedPartitions(), s.failingSince(), s.lastError(), s.lastErrorAt(), s.misplacedOffsets(),
                rejected.countsByTopic(), applied, group.status().orElse(null));
    }
}
