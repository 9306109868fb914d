package cn.finalaccounts.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * The faults of the drill on the cluster (deploy/local/drill.sh --cluster): each takes away one copy of something
 * the platform has three or two of, mid-burst, and gives it back as a supervisor would; nothing else is restarted.
 * The drill measures what the platform did meanwhile with what was left.
 */
final class ClusterFaults {
    /** The topic whose busiest partition's leader is hit: the units' reports, which the burst writes. */
    static final String REPORTS_TOPIC = "fa.accounts.unit-reports.v1";

    private ClusterFaults() {
    }

    static List<DrillFault> all(ClusterTopology topology, int brokerSeconds, int dbSeconds, HttpClient http,
            String aggregation, BearerTokens operator) {
        DrillFault leader = new LeaderBrokerKill(topology, brokerSeconds);
        DrillFault writer = new WriterKill(topology, dbSeconds);
        return List.of(leader, new BrokerPause(topology, brokerSeconds), writer,
                new InstanceKill("accounts-service"), new InstanceKill("performance-service"),
                new InstanceKill("aggregation-service"),
                new DuringRebuild(new HolderKill(), http, aggregation, operator),
                new DuringRebuild(leader, http, aggregation, operator),
                new DuringRebuild(writer, http, aggregation, operator));
    }

    /** kill -9 of the broker leading the reports' busiest partition; its supervisor starts it again later. */
    record LeaderBrokerKill(ClusterTopology topology, int seconds) implements DrillFault {
        public String id() {
            return "kill-leader-broker";
        }

        public String description() {
            return "kill -9 the leader broker of the busiest partition, started again after " + seconds + " s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            int broker = topology.leaderOfBusiestPartition(REPORTS_TOPIC);
            if (!platform.killHard("kafka-" + broker)) {
                return "kafka-" + broker + " not running: nothing killed";
            }
            Thread.sleep(seconds * 1000L); // the fault's length, as the option says: the broker stays away that long
            return "kafka-" + broker + (platform.step("kafka-up", Duration.ofMinutes(3)) ? "" : "; kafka-up failed");
        }
    }

    /** SIGSTOP of the leader broker of the busiest partition (a hung machine), SIGCONT after a while. */
    static final class BrokerPause implements DrillFault {
        private final ClusterTopology topology;
        private final int seconds;
        private volatile String paused;
        private volatile DrillPlatform platform;

        BrokerPause(ClusterTopology topology, int seconds) {
            this.topology = topology;
            this.seconds = seconds;
        }

        public String id() {
            return "pause-broker";
        }

        public String description() {
            return "SIGSTOP the leader broker of the busiest partition for " + seconds + " s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            this.platform = platform;
            String broker = "kafka-" + topology.leaderOfBusiestPartition(REPORTS_TOPIC);
            if (!platform.signal(broker, "STOP")) {
                return broker + " not running: nothing stopped";
            }
            paused = broker;
            try {
                Thread.sleep(seconds * 1000L); // the fault's length: the broker stays stopped that long
            } finally {
                abort();
            }
            return broker;
        }

        @Override
        public void abort() {
            String broker = paused;
            if (broker != null && platform != null) {
                try {
                    platform.signal(broker, "CONT");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                paused = null;
            }
        }
    }

    /** kill -9 of the database node HAProxy sends the writes to; started again (it rejoins) after a while. */
    record WriterKill(ClusterTopology topology, int seconds) implements DrillFault {
        public String id() {
            return "kill-db-writer";
        }

        public String description() {
            return "kill -9 the database node that takes the writes, started again after " + seconds + " s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            String node = "db-" + topology.writerNode();
            if (!platform.killHard(node)) {
                return node + " not running: nothing killed";
            }
            Thread.sleep(seconds * 1000L); // the fault's length: the node stays away that long
            String now = "; writes then on db-" + topology.writerNode();
            return node + now + (platform.step("db", Duration.ofMinutes(4)) ? "" : "; its restart failed");
        }
    }

    /** kill -9 of one instance of a service (the other goes on); its supervisor starts it again after 10 s. */
    record InstanceKill(String service) implements DrillFault {
        public String id() {
            return "kill-" + service.replace("-service", "") + "-1";
        }

        public String description() {
            return "kill -9 " + service + "-1 (of two), started again after 10 s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            if (!platform.killHard(service + "-1")) {
                return "not running: nothing killed";
            }
            Thread.sleep(10_000); // a supervisor's restart delay, long enough for the group to move the partitions
            return platform.step("services-up", Duration.ofMinutes(4)) ? "" : "supervisor restart failed";
        }
    }

    /** kill -9 of the aggregation-service instance that holds the rebuild under way (the other takes it over). */
    record HolderKill() implements DrillFault {
        public String id() {
            return "kill-holder";
        }

        public String description() {
            return "kill -9 the aggregation-service instance running the rebuild, started again after 10 s";
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            String holder = DuringRebuild.lastHolder;
            if (holder == null || !platform.killHard(holder)) {
                return "no rebuild holder to kill (" + holder + ")";
            }
            Thread.sleep(10_000); // a supervisor's restart delay, as long as the holder's lease: the other takes over
            return holder + (platform.step("services-up", Duration.ofMinutes(4)) ? "" : "; supervisor restart failed");
        }
    }

    /** An operator's rebuild of every 汇总 started, then the fault while it runs. */
    static final class DuringRebuild implements DrillFault {
        /** The instance holding the newest rebuild this drill started ({@code fa.instance.id}, as platform.sh names it). */
        static volatile String lastHolder;

        private final DrillFault inner;
        private final HttpClient http;
        private final String aggregation;
        private final BearerTokens operator;

        DuringRebuild(DrillFault inner, HttpClient http, String aggregation, BearerTokens operator) {
            this.inner = inner;
            this.http = http;
            this.aggregation = aggregation;
            this.operator = operator;
        }

        public String id() {
            return "rebuild-" + inner.id();
        }

        public String description() {
            return "during a rebuild: " + inner.description();
        }

        public String run(DrillPlatform platform) throws InterruptedException {
            String started;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(aggregation + "/api/v1/admin/rebuild"))
                        .timeout(Duration.ofSeconds(20)).header("Authorization", operator.header())
                        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
                lastHolder = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body()).path("holder").asText(null);
                started = "rebuild " + r.statusCode() + " held by " + lastHolder;
            } catch (java.io.IOException e) {
                started = "the rebuild could not be started: " + e.getMessage();
            }
            String note = inner.run(platform);
            return started + (note.isEmpty() ? "" : "; " + note);
        }

        @Override
        public void abort() {
            inner.abort();
        }
    }
}
