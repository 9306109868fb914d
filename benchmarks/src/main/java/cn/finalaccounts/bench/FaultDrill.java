package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYears;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The fault drill (故障演练), run by hand against a platform started with {@code deploy/local/platform.sh up}
 * (through {@code deploy/local/drill.sh}). For each fault in turn: a fresh department with {@code --units} units,
 * their reports saved, submitted and approved by {@code --clients} clients, the fault injected when half of them are
 * through and taken away as it goes away in operation ({@link DrillFault}); then it waits, at most
 * {@code --converge-timeout} seconds, until the department's approved 汇总 (aggregation-service) equals, cell by
 * cell and exactly, the sum of the approved versions recomputed from accounts-service. It prints one row per fault.
 *
 * <p>The drill never restarts a service to heal a broker or database fault: when the 汇总 has not converged by the
 * timeout it reports "converged: no" with the cells still differing, and a restart by hand as needed. Then, and only
 * then, it does that restart itself ({@code --restart-after-verdict true}, the default) so that the next fault
 * starts from a working platform, and reports whether the 汇总 converged after it.
 *
 * <p>Bounded everywhere: each request 20 s, each step's retries {@code --step-patience} s, a burst 10 min, each
 * platform.sh step minutes. Interrupted (Ctrl-C, SIGTERM) or ended, it stops killing connections and starts
 * again whatever it took away: the broker, a killed service, the database server it stopped.
 */
public final class FaultDrill {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row of the table. */
    record Row(DrillFault fault, DrillTraffic.Burst burst, int approvedInAccounts, String converged, int cellsDiffering,
            int cellsCompared, String restartByHand, String readyDuring, String readyAfter, String reads, String note) {
    }

    private final Map<String, String> args;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final DrillPlatform platform;
    private final BenchPeople.Settings identity;
    /** Made in {@link #run}: its people are scoped to the drill's region, known only then. */
    private DrillTraffic traffic;
    private BenchPeople people;
    private final String accounts;
    private final String aggregation;
    private final Map<String, String> services = new LinkedHashMap<>();
    private final int units;
    private final int clients;
    private final int convergeTimeout;
    private final String dbUrl;
    private final String dbUser;
    private final String dbPassword;
    private final int dbPort;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    /** The cluster (deploy/local/platform.sh up --cluster) rather than one copy of everything. */
    private final boolean cluster;
    private String region;
    private volatile DrillFault current;

    private FaultDrill(Map<String, String> args) {
        this.args = args;
        platform = new DrillPlatform(Path.of(args.getOrDefault("repo", ".")));
        accounts = args.getOrDefault("accounts", "http://127.0.0.1:8081");
        identity = BenchPeople.Settings.from(args);
        aggregation = args.getOrDefault("aggregation", "http://127.0.0.1:8083");
        services.put("accounts-service", accounts);
        services.put("performance-service", args.getOrDefault("performance", "http://127.0.0.1:8082"));
        services.put("aggregation-service", aggregation);
        units = Integer.parseInt(args.getOrDefault("units", "300"));
        clients = Integer.parseInt(args.getOrDefault("clients", "4"));
        convergeTimeout = Integer.parseInt(args.getOrDefault("converge-timeout", "120"));
        dbPort = Integer.parseInt(args.getOrDefault("db-port", "3306"));
        dbUrl = "jdbc:mysql://127.0.0.1:" + dbPort + "/";
        dbUser = args.getOrDefault("db-admin-user", "root");
        dbPassword = args.getOrDefault("db-admin-password", "");
        cluster = Boolean.parseBoolean(args.getOrDefault("cluster", "false"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        FaultDrill drill = new FaultDrill(args);
        Runtime.getRuntime().addShutdownHook(new Thread(drill::cleanUp, "drill-cleanup"));
        int failed;
        try {
            failed = drill.run();
        } finally {
            drill.cleanUp();
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    private List<DrillFault> faults() {
        List<DrillFault> all = new ArrayList<>();
        if (cluster) {
            ClusterTopology topology = new ClusterTopology(args.getOrDefault("kafka",
                    "127.0.0.1:9094,127.0.0.1:9095,127.0.0.1:9096"), "jdbc:mysql://127.0.0.1:"
                    + args.getOrDefault("cluster-db-port", "3310") + "/accounts",
                    args.getOrDefault("db-user", "accounts"), args.getOrDefault("db-password", "accounts"));
            all.addAll(ClusterFaults.all(topology, Integer.parseInt(args.getOrDefault("broker-seconds", "60")),
                    Integer.parseInt(args.getOrDefault("db-node-seconds", "30")), http, aggregation, people.admin));
            return chosen(all);
        }
        for (String service : DrillPlatform.SERVICES) {
            all.add(new DrillFault.ServiceKill(service));
        }
        all.add(new DrillFault.BrokerOutage(Integer.parseInt(args.getOrDefault("broker-seconds", "60"))));
        all.add(new DrillFault.BrokerReplaced(platform.kafkaData()));
        all.add(new DrillFault.ConnectionOutage(new ConnectionKiller(dbUrl, dbUser, dbPassword),
                Integer.parseInt(args.getOrDefault("db-kill-seconds", "30"))));
        all.add(new DrillFault.DatabaseRestart(dbUrl, dbUser, dbPassword, dbPort));
        return chosen(all);
    }

    private List<DrillFault> chosen(List<DrillFault> all) {
        String chosen = args.get("faults");
        if (chosen == null) {
            return all;
        }
        List<String> ids = List.of(chosen.split(","));
        return all.stream().filter(f -> ids.contains(f.id())).toList();
    }

    private int run() throws Exception {
        region = "DR" + Long.toString(System.currentTimeMillis() / 1000, 36).toUpperCase();
        System.out.printf("Fault drill %s: %d units per fault, %d clients, convergence timeout %d s; platform.sh output"
                + " in %s%n", region, units, clients, convergeTimeout, platform.log());
        String notReady = preflight();
        if (notReady != null) {
            System.out.println("Not started: " + notReady + ". Start the platform first: deploy/local/platform.sh up"
                    + (cluster ? " --cluster" : ""));
            return 1;
        }
        people = BenchPeople.provision(http, identity, "drill", region);
        System.out.printf("acting as drill-admin, drill-filler, drill-reviewer and drill-reader (org_node %s), tokens"
                + " from %s%n", region, identity.issuer());
        traffic = new DrillTraffic(http, accounts, new ReportGenerator(FiscalYears.current().year(2023).orElseThrow()),
                Duration.ofSeconds(Integer.parseInt(args.getOrDefault("step-patience", "45"))), people);
        List<Row> rows = new ArrayList<>();
        for (DrillFault fault : faults()) {
            Row row = fault instanceof DrillFault.DatabaseRestart && platform.ownDatabaseServer().isEmpty()
                    ? skipped(fault, "skipped: the database server was not installed or started by deploy/local/lib/db.sh"
                            + " (no .run/db-server.ours); others' servers are never restarted")
                    : drill(region, fault);
            rows.add(row);
            System.out.printf("  %s: %d approvals accepted, 5xx %s, converged %s, %d cells differing, restart by hand"
                    + " %s%s%n", fault.id(), row.burst() == null ? 0 : row.burst().approvalsAccepted(),
                    row.burst() == null ? "–" : row.burst().fiveXxText(), row.converged(), row.cellsDiffering(),
                    row.restartByHand(), row.note().isEmpty() ? "" : " (" + row.note() + ")");
        }
        print(region, rows);
        return (int) rows.stream().filter(r -> r.burst() != null && (r.cellsDiffering() != 0
                || !r.restartByHand().equals("no"))).count();
    }

    /** Why the drill cannot start, or null: every service ready, the broker one platform.sh started. */
    private String preflight() {
        if (cluster != platform.cluster()) {
            return cluster ? "the cluster does not run (platform.sh up --cluster)"
                    : "the cluster runs: drill it with drill.sh --cluster";
        }
        if (cluster) {
            for (String part : clusterParts()) {
                if (platform.running(part).isEmpty()) {
                    return part + " was not started by platform.sh up --cluster from this work tree";
                }
            }
        } else if (platform.running("kafka").isEmpty()) {
            return "no Kafka broker started by platform.sh in " + platform.log().getParent().getParent();
        }
        for (var e : services.entrySet()) {
            if (!cluster && platform.running(e.getKey()).isEmpty()) {
                return e.getKey() + " was not started by platform.sh from this work tree";
            }
        }
        String ready = new ReadinessProbe(http, services).once();
        return ready.matches("(\\w+ 200(, )?)+") ? null : "not every service is ready (" + ready + ")";
    }

    /** The components of the cluster, as platform.sh names their pid files. */
    private static List<String> clusterParts() {
        List<String> parts = new ArrayList<>();
        for (int n = 1; n <= 3; n++) {
            parts.add("kafka-" + n);
            parts.add("db-" + n);
        }
        parts.add("haproxy");
        for (String s : DrillPlatform.SERVICES) {
            parts.add(s + "-1");
            parts.add(s + "-2");
        }
        return parts;
    }

    private Row drill(String region, DrillFault fault) throws Exception {
        // Node codes are upper case (Identifier.NODE_CODE); the fault's id is not.
        String department = region + "-" + fault.id().toUpperCase(Locale.ROOT);
        System.out.printf("%s: %s, department %s%n", fault.id(), fault.description(), department);
        traffic.register(region, department, units);

        ReadinessProbe during = new ReadinessProbe(http, services);
        AtomicBoolean faultOn = new AtomicBoolean();
        CompletableFuture<String> healed = new CompletableFuture<>();
        Thread prober = new Thread(() -> {
            while (!healed.isDone()) {
                if (faultOn.get()) {
                    during.probe();
                }
                sleepQuietly(2000);
            }
        }, "drill-probe");
        prober.setDaemon(true);
        prober.start();
        DrillReads reads = new DrillReads(http, aggregation, region, people.reader,
                Integer.parseInt(args.getOrDefault("readers", "2")));
        CompletableFuture<String> readTally = new CompletableFuture<>();
        Runnable inject = () -> {
            current = fault;
            faultOn.set(true);
            reads.start();
            String note;
            try {
                note = fault.run(platform);
            } catch (Throwable e) {
                note = "fault failed: " + e;
            } finally {
                current = null;
            }
            // The reads' tally first: whoever sees the fault healed reads it.
            try {
                readTally.complete(reads.stop());
            } catch (InterruptedException e) {
                readTally.complete("interrupted");
            }
            healed.complete(note);
        };

        DrillTraffic.Burst burst = traffic.burst(department, units, clients, inject, Duration.ofMinutes(10));
        String note;
        try {
            note = healed.get(15, TimeUnit.MINUTES);
        } catch (TimeoutException | ExecutionException e) {
            fault.abort();
            note = "the fault did not end within 15 min";
        }
        during.probe();
        String readsDuring = readTally.getNow("the fault did not start");
        long from = System.nanoTime(); // the later of the fault's end and the burst's end: nothing can converge before
        prober.join(5000);

        DrillTraffic.Expected expected = traffic.approvedSum(department, units, Duration.ofSeconds(convergeTimeout));
        if (expected == null) {
            return new Row(fault, burst, -1, "no (accounts-service unreadable)", -1, 0, "yes", during.tally(),
                    new ReadinessProbe(http, services).once(), readsDuring, note);
        }
        ReadinessProbe after = new ReadinessProbe(http, services);
        Convergence c = converge(department, expected, from, convergeTimeout, after);
        if (c.seconds() >= 0) {
            return new Row(fault, burst, expected.approvedUnits(), String.format("%.1f s", c.seconds()), 0,
                    c.result().cellsCompared(), "no", during.tally(), after.tally(), readsDuring, note);
        }
        String restart = "yes";
        if (Boolean.parseBoolean(args.getOrDefault("restart-after-verdict", "true"))) {
            // After the verdict only: the operator's restart, so that the next fault starts from a working platform.
            long r = System.nanoTime();
            boolean ok = platform.step("services-down", Duration.ofMinutes(3)) && platform.step("services-up", Duration.ofMinutes(4));
            Convergence again = converge(department, expected, r, convergeTimeout, new ReadinessProbe(http, services));
            restart = "yes" + (ok ? "" : " (the restart failed)") + "; after it " + (again.seconds() >= 0
                    ? String.format("converged in %.1f s, 0 cells differing", again.seconds())
                    : "still " + again.result().cellsDiffering() + " cells differing");
        }
        return new Row(fault, burst, expected.approvedUnits(), "no (" + convergeTimeout + " s)",
                c.result().cellsDiffering(), c.result().cellsCompared(), restart, during.tally(), after.tally(), readsDuring,
                note);
    }

    /** Seconds from {@code from} until the 汇总 equals the expected sum (−1 when it did not within the timeout). */
    record Convergence(double seconds, RegionCheck.Result result) {
    }

    private Convergence converge(String department, DrillTraffic.Expected expected, long from, int timeout,
            ReadinessProbe probe) throws InterruptedException {
        String url = aggregation + "/api/v1/summaries/" + department + "/2023?view=approved";
        long deadline = from + timeout * 1_000_000_000L;
        RegionCheck.Result last = null;
        int polls = 0;
        while (true) {
            last = RegionCheck.compare(expected.cells(), summary(url));
            // an empty 汇总 equal to an empty sum proves nothing: only a burst that approved nothing converges so
            if (last.cellsDiffering() == 0 && (last.cellsCompared() > 0 || expected.approvedUnits() == 0)) {
                probe.probe();
                return new Convergence((System.nanoTime() - from) / 1e9, last);
            }
            if (polls++ % 2 == 0) {
                probe.probe();
            }
            if (System.nanoTime() >= deadline) {
                return new Convergence(-1, last);
            }
            Thread.sleep(1000);
        }
    }

    /** The 汇总 as JSON; an empty node when it is not there (404) or the service does not answer. */
    private JsonNode summary(String url) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                    .header("Authorization", people.reader.header()).GET().build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : JsonNodeFactory.instance.objectNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return JsonNodeFactory.instance.objectNode();
        } catch (Exception e) {
            return JsonNodeFactory.instance.objectNode();
        }
    }

    private static Row skipped(DrillFault fault, String why) {
        return new Row(fault, null, 0, "–", 0, 0, "–", "–", "–", "–", why);
    }

    /**
     * Whatever the drill took away comes back, once, whether it ended or was interrupted: the connection killing
     * stops, and a missing broker, service or (own) database server is started again by platform.sh.
     */
    private void cleanUp() {
        if (!cleanedUp.compareAndSet(false, true)) {
            return;
        }
        DrillFault f = current;
        if (f != null) {
            f.abort();
        }
        if (cluster) {
            cleanUpCluster();
            return;
        }
        if (platform.ownDatabaseServer().isPresent() && !DrillPlatform.answers(dbPort)) {
            System.out.println("cleanup: starting the database server again (platform.sh db)");
            platform.step("db", Duration.ofMinutes(3));
        }
        if (platform.running("kafka").isEmpty()) {
            System.out.println("cleanup: starting the broker again (platform.sh kafka-up)");
            platform.step("kafka-up", Duration.ofMinutes(3));
        }
        if (DrillPlatform.SERVICES.stream().anyMatch(s -> platform.running(s).isEmpty())) {
            System.out.println("cleanup: starting the missing services again (platform.sh services-up)");
            platform.step("services-up", Duration.ofMinutes(4));
        }
    }

    /** A paused broker continues; a missing broker, database node or instance is started again by platform.sh. */
    private void cleanUpCluster() {
        List<String> parts = clusterParts();
        for (String part : parts) {
            if (part.startsWith("kafka-")) {
                try {
                    platform.signal(part, "CONT");
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (parts.stream().anyMatch(p -> p.startsWith("db-") && platform.running(p).isEmpty())) {
            System.out.println("cleanup: starting the missing database nodes again (platform.sh db)");
            platform.step("db", Duration.ofMinutes(4));
        }
        if (parts.stream().anyMatch(p -> p.startsWith("kafka-") && platform.running(p).isEmpty())) {
            System.out.println("cleanup: starting the missing brokers again (platform.sh kafka-up)");
            platform.step("kafka-up", Duration.ofMinutes(3));
        }
        if (parts.stream().anyMatch(p -> p.contains("-service-") && platform.running(p).isEmpty())) {
            System.out.println("cleanup: starting the missing instances again (platform.sh services-up)");
            platform.step("services-up", Duration.ofMinutes(6));
        }
    }

    private void print(String region, List<Row> rows) {
        System.out.println();
        System.out.printf("Fault drill %s, %s: %d units per fault, %d clients; 汇总 compared with the approved versions"
                + " recomputed from accounts-service, cell by cell%n", region, Instant.now(), units, clients);
        System.out.println("| fault | approvals accepted | 5xx seen (count×status) | no answer | approved in accounts"
                + " | converged (s after the fault and the burst ended) | cells differing | restart by hand needed"
                + " | /q/health/ready during the fault | /q/health/ready after | region reads answered 200 during the fault"
                + " | note |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (Row r : rows) {
            DrillTraffic.Burst b = r.burst();
            System.out.printf("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |%n", r.fault().description(),
                    b == null ? "–" : b.approvalsAccepted() + " of " + units,
                    b == null ? "–" : b.fiveXxText(), b == null ? "–" : Integer.toString(b.noAnswer()),
                    b == null ? "–" : Integer.toString(r.approvedInAccounts()), r.converged(),
                    b == null ? "–" : r.cellsDiffering() + " of " + r.cellsCompared(), r.restartByHand(),
                    r.readyDuring(), r.readyAfter(), r.reads(), r.note().isEmpty() ? "" : r.note());
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
