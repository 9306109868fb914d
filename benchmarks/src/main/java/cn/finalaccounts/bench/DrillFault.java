package cn.finalaccounts.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One fault of the drill (故障演练): injected mid-burst, and then taken away the way the fault goes away in
 * operation — a killed service restarted by its supervisor, the broker started again, the connection killing
 * stopped, the database server started again. What comes back afterwards without anyone touching the platform is
 * what the drill measures; {@code heal} never restarts a service for a broker or database fault.
 */
interface DrillFault {
    /** Short id for the command line and the department code. */
    String id();

    /** What the table says the fault was. */
    String description();

    /** Injects the fault, lets it last, and takes it away; returns a note for the table (empty when none). */
    String run(DrillPlatform platform) throws InterruptedException;

    /** Stops injecting at once (interrupted drill); the drill's cleanup then restores what is missing. */
    default void abort() {
    }

    /** kill -9 of one service; its supervisor (here platform.sh services-up, as systemd or k8s would) restarts it. */
    record ServiceKill(String service) implements DrillFault {
        public String id() {
            return "kill-" + service.replace("-service", "");
        }

        public String description() {
            return "kill -9 " + service + ", restarted by its supervisor";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            if (!platform.killHard(service)) {
                return "not running: nothing killed";
            }
            Thread.sleep(2000); // a supervisor's restart delay
            return platform.step("services-up", Duration.ofMinutes(4)) ? "" : "supervisor restart failed (see drill.log)";
        }
    }

    /** The broker killed (-9) and started again after a while, as platform.sh starts it. */
    record BrokerOutage(int seconds) implements DrillFault {
        public String id() {
            return "broker";
        }

        public String description() {
            return "Kafka broker kill -9, started again after " + seconds + " s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            if (!platform.killHard("kafka")) {
                return "broker not running: nothing killed";
            }
            Thread.sleep(seconds * 1000L);
            return platform.step("kafka-up", Duration.ofMinutes(3)) ? "" : "kafka-up failed (see drill.log)";
        }
    }

    /**
     * The broker replaced by an empty one on the same address: stopped, its data directory removed, started again
     * (platform.sh formats the empty storage as on a first start). No topic, no record survives; the services are not
     * restarted. They must create the topics again, notice the stored offsets that no longer fit, and rebuild from the
     * source services' snapshot.
     */
    record BrokerReplaced(Path kafkaData) implements DrillFault {
        public String id() {
            return "broker-replaced";
        }

        public String description() {
            return "Kafka broker stopped, its data removed, started again empty";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            if (!platform.step("kafka-down", Duration.ofMinutes(1))) {
                return "kafka-down failed (see drill.log)";
            }
            try {
                if (Files.isDirectory(kafkaData)) {
                    try (Stream<Path> all = Files.walk(kafkaData)) {
                        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                            Files.delete(p);
                        }
                    }
                }
            } catch (IOException e) {
                return "could not remove " + kafkaData + ": " + e.getMessage();
            }
            return platform.step("kafka-up", Duration.ofMinutes(3)) ? "" : "kafka-up failed (see drill.log)";
        }
    }

    /** Every service database connection killed, again and again, for a while; no service is restarted. */
    final class ConnectionOutage implements DrillFault {
        private final ConnectionKiller killer;
        private final int seconds;

        ConnectionOutage(ConnectionKiller killer, int seconds) {
            this.killer = killer;
            this.seconds = seconds;
        }

        public String id() {
            return "db-connections";
        }

        public String description() {
            return "every service DB connection killed for " + seconds + " s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            return killer.killFor(seconds) + " connections killed";
        }

        @Override
        public void abort() {
            killer.stop();
        }
    }

    /**
     * The database server stopped and started again by deploy/local/lib/db.sh — only where that script installed or
     * started the server itself; anyone else's server is left alone and the fault is skipped.
     */
    record DatabaseRestart(String jdbcUrl, String user, String password, int port) implements DrillFault {
        public String id() {
            return "db-restart";
        }

        public String description() {
            return "database server restarted";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            try (java.sql.Connection c = java.sql.DriverManager.getConnection(jdbcUrl, user, password);
                    java.sql.Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            } catch (java.sql.SQLException e) {
                // the server may close the connection before it answers the SHUTDOWN
            }
            for (int i = 0; i < 120 && DrillPlatform.answers(port); i++) {
                Thread.sleep(500);
            }
            return platform.step("db", Duration.ofMinutes(3)) ? "" : "db did not start again (see drill.log)";
        }
    }
}
