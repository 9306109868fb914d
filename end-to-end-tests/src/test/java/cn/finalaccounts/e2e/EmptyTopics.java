package cn.finalaccounts.e2e;

import static org.awaitility.Awaitility.await;

import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * The test classes of this module share one in-JVM broker. Those that use the demo's codes (431200, HH-RSJ,
 * HH-RSJ-YLGS: the codes the realm's people belong to) start from empty topics, or a service would replay the
 * tree and reports another class left there and count them in its 汇总.
 */
final class EmptyTopics {
    private static final List<String> ALL = List.of(Topics.ORG_NODES, Topics.UNIT_REPORTS, Topics.PERFORMANCE_PROJECTS,
            Topics.PERFORMANCE_FUNDS, Topics.AGGREGATION_DEAD_LETTERS);

    private EmptyTopics() {
    }

    /** Deletes the platform's topics and creates them again, empty; call it before starting the services. */
    static void recreate() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaTestBroker.bootstrapServers()))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<String> present = ALL.stream().filter(existing::contains).toList();
            if (!present.isEmpty()) {
                admin.deleteTopics(present).all().get(30, TimeUnit.SECONDS);
            }
            // Deletion completes in the background: creating a name still being deleted fails, so retry.
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                Set<String> now = admin.listTopics().names().get(10, TimeUnit.SECONDS);
                List<NewTopic> missing = ALL.stream().filter(t -> !now.contains(t))
                        .map(t -> new NewTopic(t, Topics.DEFAULT_PARTITIONS, (short) 1)).toList();
                if (!missing.isEmpty()) {
                    admin.createTopics(missing).all().get(10, TimeUnit.SECONDS);
                }
                return true;
            });
        }
    }
}
