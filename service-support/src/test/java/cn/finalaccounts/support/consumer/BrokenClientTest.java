package cn.finalaccounts.support.consumer;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.support.kafka.EventSignatures;
import cn.finalaccounts.support.kafka.KafkaClientSettings;
import cn.finalaccounts.support.outbox.TopicProvisioner;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.TestEventKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A Kafka client that breaks (its poll throws what no outage explains, as when its heartbeat thread died) is closed
 * and replaced, so the loop leaves the group and joins again instead of fetching on as a member the group has
 * dropped; the records around the failure are applied exactly once.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class BrokenClientTest {
    private static final String TOPIC = "fa.test.rejoin.v1";
    private static final String GROUP = "support-broken-client-test";

    @Inject
    AgroalDataSource db;

    @Inject
    RecordingApplier applier;

    @Inject
    OffsetStore offsets;

    @Inject
    RejectedEventStore rejected;

    @Inject
    EventSignatures signatures;

    @Inject
    TopicProvisioner topics;

    @Inject
    KafkaClientSettings kafka;

    /** A real client whose next poll throws when told to, then is usable no more, as a broken one. */
    static final class BreakingClient extends KafkaConsumer<String, String> {
        final AtomicBoolean breakNow = new AtomicBoolean();
        volatile boolean closed;

        BreakingClient(java.util.Properties p) {
            super(p, new StringDeserializer(), new StringDeserializer());
        }

        @Override
        public ConsumerRecords<String, String> poll(Duration timeout) {
            if (breakNow.getAndSet(false)) {
                throw new IllegalStateException("Invalid attempt to complete a request future which is already complete");
            }
            return super.poll(timeout);
        }

        @Override
        public void close(Duration timeout) {
            closed = true;
            super.close(timeout);
        }
    }

    @Test
    void aClientThatBreaksIsReplacedAndTheLoopRejoinsTheGroupAsItsOnlyMember() throws Exception {
        List<BreakingClient> made = new CopyOnWriteArrayList<>();
        TransactionalEventLoop loop = new TransactionalEventLoop("broken-client-test", GROUP, kafka.common(),
                List.of(TOPIC), applier, offsets, rejected, signatures, topics, new ConsumerMetrics(),
                new TransactionalEventLoop.Settings(Duration.ofMillis(200), 500, Duration.ofMillis(50),
                        Duration.ofMillis(100), Duration.ofSeconds(1), 3),
                TransactionalEventLoop.Share.ALL, p -> {
                    BreakingClient c = new BreakingClient(p);
                    made.add(c);
                    return c;
                });
        loop.start();
        try {
            send(List.of("rj-1", "rj-2", "rj-3"));
            await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "rj-").size() == 3);

            made.get(0).breakNow.set(true);
            await().atMost(Duration.ofSeconds(30)).until(() -> loop.clientsReplaced() == 1);
            send(List.of("rj-4", "rj-5", "rj-6"));

            // The new client resumes from the stored offsets: nothing again, nothing lost.
            await().atMost(Duration.ofSeconds(30)).until(() -> TestTopic.applied(db, "rj-").size() >= 6);
            assertEquals(List.of("rj-1", "rj-2", "rj-3", "rj-4", "rj-5", "rj-6"), TestTopic.applied(db, "rj-"));
            assertEquals(2, made.size());
            assertTrue(made.get(0).closed, "the broken client was not closed");
            // The group holds the new client only: the broken one left instead of lingering until its session expired.
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    KafkaTestBroker.bootstrapServers()))) {
                await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeConsumerGroups(List.of(GROUP))
                        .describedGroups().get(GROUP).get().members().size() == 1);
            }
        } finally {
            loop.stop();
        }
    }

    private static void send(List<String> values) {
        try (KafkaProducer<String, String> p = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                p.send(EventProducer.signed("support", TestEventKeys.SUPPORT, TOPIC, "rj-key", v)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
