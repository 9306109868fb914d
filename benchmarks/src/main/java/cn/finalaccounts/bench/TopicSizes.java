package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.events.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * How many records the topics the summaries are built from hold: what a rebuild reads again. They hold every run since
 * the broker's data was made, not only this one, so the rebuild figure is given with its record count.
 */
final class TopicSizes {
    private static final List<String> SUMMARY_INPUTS = List.of(Topics.ORG_NODES, Topics.UNIT_REPORTS,
            Topics.PERFORMANCE_PROJECTS, Topics.PERFORMANCE_FUNDS);

    private TopicSizes() {
    }

    static long summaryInputRecords(String bootstrap) throws Exception {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            for (TopicDescription d : admin.describeTopics(SUMMARY_INPUTS).allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                d.partitions().forEach(part -> {
                    TopicPartition tp = new TopicPartition(d.name(), part.partition());
                    latest.put(tp, OffsetSpec.latest());
                    earliest.put(tp, OffsetSpec.earliest());
                });
            }
            long end = admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            long start = admin.listOffsets(earliest).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset()).sum();
            return end - start;
        }
    }
}
