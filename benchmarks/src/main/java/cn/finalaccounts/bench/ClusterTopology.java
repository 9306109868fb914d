package cn.finalaccounts.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Which part of the local cluster (deploy/local/platform.sh up --cluster) a fault should hit: the database node that
 * takes the writes now (asked through HAProxy, as the services reach it), and the broker leading the busiest
 * partition of a topic.
 */
final class ClusterTopology {
    private final String bootstrap;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;

    ClusterTopology(String bootstrap, String dbUrl, String dbUser, String dbPassword) {
        this.bootstrap = bootstrap;
        this.dbUrl = dbUrl;
        this.dbUser = dbUser;
        this.dbPassword = dbPassword;
    }

    /** The writer's node number (its wsrep_node_name is db-N). */
    int writerNode() {
        try (Connection c = DriverManager.getConnection(dbUrl, dbUser, dbPassword); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT @@wsrep_node_name")) {
            rs.next();
            return Integer.parseInt(rs.getString(1).replaceFirst("^db-", ""));
        } catch (SQLException | RuntimeException e) {
            throw new IllegalStateException("could not ask HAProxy's writer which node it is: " + e.getMessage(), e);
        }
    }

    /** The broker id leading the partition of {@code topic} that holds the most records. */
    int leaderOfBusiestPartition(String topic) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        try (Admin admin = Admin.create(settings)) {
            TopicDescription d = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(15, TimeUnit.SECONDS)
                    .get(topic);
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            d.partitions().forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(15, TimeUnit.SECONDS);
            TopicPartitionInfo busiest = d.partitions().stream().max(java.util.Comparator.comparingLong(p ->
                    ends.get(new TopicPartition(topic, p.partition())).offset())).orElseThrow();
            return busiest.leader().id();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("could not find the leader of " + topic + "'s busiest partition: " + e, e);
        }
    }
}
