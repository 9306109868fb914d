package cn.finalaccounts.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A real Kafka broker (KRaft, one combined broker and controller) inside the test JVM, started once and shared
 * by every test class of the module. Single-broker internal topics need a replication factor of 1, or consumer
 * groups and transactions never become available.
 */
public class KafkaTestBroker implements QuarkusTestResourceLifecycleManager {
    private static KafkaClusterTestKit cluster;
    /** The test kit's shutdown hooks, run after the broker is closed (see {@link #orderShutdown()}). */
    private static List<Runnable> kitHooks;
    private static volatile boolean shuttingDown;

    /** Starts the broker on first use and returns its bootstrap address. */
    public static synchronized String bootstrapServers() {
        if (cluster == null) {
            orderShutdown();
            cluster = newCluster();
        }
        return cluster.bootstrapServers();
    }

    /**
     * One shutdown hook: the broker is closed first, then the test kit's own hooks run (they delete the broker's
     * temporary directories). Left to the JVM, they ran at the same time: the broker saw its log directories vanish
     * and halted the JVM with code 1 after every test had passed, and Surefire failed the module ("Error occurred in
     * starting fork", no test failing). Once shutting down, a halt or exit Kafka still asks for is ignored: the JVM
     * ends with the tests' result, and System.exit inside a shutdown hook would block for good.
     */
    private static void orderShutdown() {
        if (kitHooks != null) {
            return;
        }
        kitHooks = new java.util.ArrayList<>();
        Exit.setShutdownHookAdder((name, hook) -> {
            synchronized (KafkaTestBroker.class) {
                kitHooks.add(hook);
            }
        });
        Exit.setHaltProcedure((code, message) -> {
            if (!shuttingDown) {
                Runtime.getRuntime().halt(code);
            }
        });
        Exit.setExitProcedure((code, message) -> {
            if (!shuttingDown) {
                System.exit(code);
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            shuttingDown = true;
            shutdown();
            List<Runnable> hooks;
            synchronized (KafkaTestBroker.class) {
                hooks = List.copyOf(kitHooks);
            }
            for (Runnable hook : hooks) {
                try {
                    hook.run();
                } catch (RuntimeException e) {
                    // One directory left behind must not keep the others from being deleted.
                }
            }
        }, "kafka-test-broker-stop"));
    }

    /** A combined broker and controller, on free ports. */
    private static KafkaClusterTestKit newCluster() {
        KafkaClusterTestKit c = null;
        try {
            KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build())
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "3")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false");
            c = builder.build();
            c.format();
            c.startup();
            c.waitForReadyBrokers();
            return c;
        } catch (Exception e) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception ignored) {
                    // already failing
                }
            }
            throw new IllegalStateException("could not start the in-JVM Kafka broker", e);
        }
    }

    /**
     * Stops the broker (the controller stays up), as an outage would; {@link #startBroker()} brings it back on the
     * same port, with its data.
     */
    public static synchronized void stopBroker() {
        kafka.server.BrokerServer broker = cluster.brokers().values().iterator().next();
        broker.shutdown();
        broker.awaitShutdown();
    }

    public static synchronized void startBroker() {
        try {
            cluster.brokers().values().iterator().next().startup();
            cluster.waitForReadyBrokers();
        } catch (Exception e) {
            throw new IllegalStateException("could not start the in-JVM Kafka broker again", e);
        }
    }

    private static synchronized void shutdown() {
        if (cluster != null) {
            try {
                cluster.close();
            } catch (Exception ignored) {
                // The JVM is exiting: nothing more to do than delete its directories (the kit's hooks, next).
            }
            cluster = null;
        }
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = bootstrapServers();
        return Map.of("kafka.bootstrap.servers", bootstrap, "fa.kafka.bootstrap", bootstrap);
    }

    @Override
    public void stop() {
        // Shared across test classes; stopped when the JVM exits.
    }
}
