package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.report.ReportBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Workload W1 against a running platform (deploy/local/platform.sh up): one region, departments, units with
 * realistic reports (the nine tables' worth of cells, consistent so that they pass the audit) saved and submitted
 * over the REST API by a fixed number of concurrent clients; a share of malformed submissions; then corrections
 * (returned, changed, resubmitted). It prints the figures in one table.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar cn.finalaccounts.bench.W1Benchmark --units 10000}.
 * Freshness is measured on the unit's own 汇总 node: a batch updates the unit and every ancestor in one
 * transaction, so the moment the unit's node shows the version is the moment the region's does.
 *
 * <p>On a noisy 2-core machine a figure alone means little, so after the platform's figures W1 measures raw
 * ceilings in the same run, with the run's own records and cells: a bare Kafka producer and consumer
 * ({@link KafkaCeiling}), bare JDBC batch inserts and a SQL GROUP BY over every cell ({@link JdbcCeiling}), the
 * latter against one client's reads of the kept region 汇总 (read vs recompute), and the in-memory ceiling of the
 * region reads ({@link RegionReads}); it prints the platform's figures as percentages of those ceilings. It also
 * reports each service's peak resident memory ({@link PeakRss}) and the CPU each process used during the ingest,
 * per accepted report ({@link ProcessCpu}). Options besides the workload's ({@code --units}, {@code --departments},
 * {@code --clients}, {@code --corrections}, {@code --malformed}, {@code --accounts}, {@code --aggregation}):
 * <ul>
 *   <li>{@code --kafka 127.0.0.1:9092}: the broker for the Kafka ceiling (a throw-away topic
 *   {@code fa.bench.ceiling.<run>});</li>
 *   <li>{@code --db jdbc:mysql://127.0.0.1:3306/}, {@code --db-admin-user root}, {@code --db-admin-password ""}:
 *   the server for the JDBC ceiling (database {@code fa_bench}, created if missing);</li>
 *   <li>{@code --pids deploy/local/.run/pids}: the services' pid files, for their peak RSS and CPU;</li>
 *   <li>{@code --db-pid N}: the database server's pid, for its CPU (by default the process the server's
 *   {@code @@pid_file} names, else the machine's only {@code mariadbd});</li>
 *   <li>{@code --skip-ceilings true}: the platform's figures only (and the RSS);</li>
 *   <li>{@code --ceilings-only true}: no platform workload: generate {@code --units} reports (units
 *   {@code CEIL-U<n>}) and measure only the ceilings and the RSS; the read side of read vs recompute is measured
 *   only if {@code --region CODE} names a region the running platform already has (an earlier W1's, say);</li>
 *   <li>{@code --ingest-only true}: the tree and the ingest (with its freshness samples), then it waits until the
 *   consumer is idle and prints those figures: no corrections, reads, rebuild, ceilings or RSS. For comparing two
 *   builds of the services by their ingest, several times in a row (docs/benchmarks.md, "Cost of verifying
 *   tokens");</li>
 *   <li>{@code --warm-up N}: N more units of the region saved and submitted before the measured ingest, in no
 *   figure but the check after the rebuild (for comparing runs of different lengths warm: the scale curve);</li>
 *   <li>{@code --issuer http://127.0.0.1:8180/realms/final-accounts}, {@code --keycloak-admin-user admin},
 *   {@code --keycloak-admin-password admin}: who W1 is. Every request carries a bearer token of a real user of the
 *   realm ({@link BenchPeople}: {@code bench-admin}, admin and operator, registers the run's region (a root) and
 *   the tree under it and rebuilds, {@code bench-filler} saves and
 *   submits, {@code bench-reviewer} returns, {@code bench-reader} reads), each scoped to the run's region and
 *   fetched again before it expires ({@link BearerTokens}).</li>
 * </ul>
 */
public final class W1Benchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String accounts;
    private final String aggregation;
    private final int units;
    private final int departments;
    private final int clients;
    private final double correctionShare;
    private final double malformedShare;
    private final String run = Long.toString(System.currentTimeMillis() % 100000, 36).toUpperCase();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final FiscalYear year = FiscalYears.current().year(2023).orElseThrow();
    private final ReportGenerator generator = new ReportGenerator(year);
    /** Every accepted save and submission, for the ceilings to replay the same records and cells. */
    private final SentReports sent = new SentReports();
    private final String kafka;
    private final JdbcCeiling jdbc;
    private final Path pids;
    private final Long dbPid;
    private final boolean skipCeilings;
    private final boolean ceilingsOnly;
    private final String existingRegion;
    private final boolean ingestOnly;
    private final int warmUp;
    /** The warm-up's saves: in the region's 汇总, so in the check after the rebuild, and in no measured figure. */
    private final SentReports warmUpSent = new SentReports();
    private final BenchPeople.Settings identity;
    /** Who sends what; set once the run's region is known (the people are scoped to it). */
    private BenchPeople people;

    private W1Benchmark(Map<String, String> args) {
        accounts = args.getOrDefault("accounts", "http://127.0.0.1:8081");
        aggregation = args.getOrDefault("aggregation", "http://127.0.0.1:8083");
        units = Integer.parseInt(args.getOrDefault("units", "10000"));
        departments = Integer.parseInt(args.getOrDefault("departments", "40"));
        clients = Integer.parseInt(args.getOrDefault("clients", "32"));
        correctionShare = Double.parseDouble(args.getOrDefault("corrections", "0.10"));
        malformedShare = Double.parseDouble(args.getOrDefault("malformed", "0.01"));
        kafka = args.getOrDefault("kafka", "127.0.0.1:9092");
        jdbc = new JdbcCeiling(args.getOrDefault("db", "jdbc:mysql://127.0.0.1:3306/"),
                args.getOrDefault("db-admin-user", "root"), args.getOrDefault("db-admin-password", ""));
        pids = Path.of(args.getOrDefault("pids", "deploy/local/.run/pids"));
        dbPid = args.containsKey("db-pid") ? Long.valueOf(args.get("db-pid")) : null;
        skipCeilings = Boolean.parseBoolean(args.getOrDefault("skip-ceilings", "false"));
        ceilingsOnly = Boolean.parseBoolean(args.getOrDefault("ceilings-only", "false"));
        existingRegion = args.get("region");
        ingestOnly = Boolean.parseBoolean(args.getOrDefault("ingest-only", "false"));
        warmUp = Integer.parseInt(args.getOrDefault("warm-up", "0"));
        identity = BenchPeople.Settings.from(args);
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        W1Benchmark w1 = new W1Benchmark(args);
        try {
            if (w1.ceilingsOnly) {
                w1.runCeilingsOnly();
            } else {
                w1.run();
            }
        } catch (Exception e) {
            // the freshness pollers' threads would keep a failed run's JVM alive for ever
            e.printStackTrace();
            System.exit(1);
        }
        System.exit(0);
    }

    private void run() throws Exception {
        String region = "W1" + run;
        System.out.printf("W1: %d units under %d departments of region %s, %d clients%n", units, departments, region,
                clients);
        people = BenchPeople.provision(http, identity, "bench", region);
        System.out.printf("W1 acts as bench-admin, bench-filler, bench-reviewer and bench-reader (org_node %s), tokens"
                + " from %s%n", region, identity.issuer());
        BearerTokens admin = people.admin;
        put(admin, accounts + "/api/v1/units/" + region, Map.of("name", "基准测试地区", "kind", "region"), 201);
        parallel(departments, d -> put(admin, accounts + "/api/v1/units/" + dept(region, d),
                Map.of("name", "部门" + d, "kind", "department", "parent", region), 201));
        parallel(units + warmUp, u -> put(admin, accounts + "/api/v1/units/" + unit(region, u),
                Map.of("name", "单位" + u, "kind", "unit", "parent", dept(region, u % departments), "unitType", "事业"), 201));
        BearerTokens filler = people.filler;
        warmUp(region, filler);

        // Ingest: save and submit every unit's report; 1 % of the saves are malformed and must get a 4xx.
        List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger malformedSent = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        Long databasePid = dbPid != null ? dbPid : ProcessCpu.databaseServer(databasePidFile());
        ProcessCpu cpu = ProcessCpu.of(pids, databasePid);
        List<ProcessCpu.Sample> cpuAtStart = cpu.sample();
        long redoAtStart = jdbc.redoBytes();
        long start = System.nanoTime();
        parallel(units, u -> {
            String code = unit(region, u);
            ReportBody report = generator.generate(code, 25, u);
            String url = accounts + "/api/v1/units/" + code + "/reports/2023";
            if (u % Math.max(1, (int) Math.round(1 / malformedShare)) == 7) {
                malformedSent.incrementAndGet();
                String bad = EventCodec.tree(report).toString().replaceFirst("\"amount\":\"([0-9]+)\\.([0-9]{2})\"",
                        "\"amount\":\"$1.$20001\"");
                if (send(filler, "PUT", url, bad) / 100 == 4) {
                    rejected.incrementAndGet();
                }
            }
            String json = JSON.writeValueAsString(EventCodec.tree(report));
            put(filler, url, json, 201);
            sent.saved(code, report, json);
            long submitted = post(filler, url + "/submit", Map.of("by", "bench-unit"));
            sent.submitted(code);
            if (u % 50 == 0) {
                pollers.submit(() -> freshness.add(awaitVisible(code, 1, submitted)));
            }
        });
        double ingestSeconds = (System.nanoTime() - start) / 1e9;
        if (ingestOnly) {
            pollers.shutdown();
            pollers.awaitTermination(10, TimeUnit.MINUTES);
            awaitConsumerIdle(); // the next run starts with the consumer idle
            System.out.println();
            System.out.printf("| figure | value | target |%n| --- | --- | --- |%n");
            System.out.printf("| accepted reports/s (save + submit, %d clients) | %.1f | ≥ 300 |%n", clients, units / ingestSeconds);
            System.out.printf("| freshness p50 / p95 / p99 (ms, %d samples) | %s | p99 ≤ 1000 |%n", freshness.size(),
                    percentiles(freshness));
            System.out.printf("| malformed saves refused with a 4xx | %d of %d | all |%n", rejected.get(), malformedSent.get());
            printCpu(cpu.between(cpuAtStart, cpu.sample()), (System.nanoTime() - start) / 1e9, units);
            return;
        }

        // Corrections: returned by a reviewer, changed, submitted again as version 2.
        int corrected = (int) Math.round(units * correctionShare);
        long cStart = System.nanoTime();
        parallel(corrected, i -> {
            int u = i * Math.max(1, units / Math.max(1, corrected));
            String code = unit(region, u);
            String url = accounts + "/api/v1/units/" + code + "/reports/2023";
            post(people.reviewer, url + "/return", Map.of("by", "bench-reviewer", "reason", "更正"));
            ReportBody report = generator.generate(code, 25, u + 1_000_000);
            String json = JSON.writeValueAsString(EventCodec.tree(report));
            put(filler, url, json, 200);
            sent.saved(code, report, json);
            long submitted = post(filler, url + "/submit", Map.of("by", "bench-unit"));
            sent.submitted(code);
            if (i % 10 == 0) {
                pollers.submit(() -> freshness.add(awaitVisible(code, 2, submitted)));
            }
        });
        double correctionSeconds = (System.nanoTime() - cStart) / 1e9;
        pollers.shutdown();
        pollers.awaitTermination(10, TimeUnit.MINUTES);

        // The ingest's CPU ends once the consumer has applied everything it brought.
        awaitConsumerIdle();
        double cpuPhaseSeconds = (System.nanoTime() - start) / 1e9;
        List<ProcessCpu.Usage> cpuUsed = cpu.between(cpuAtStart, cpu.sample());
        long redoWritten = jdbc.redoBytes() - redoAtStart;

        // Reads of the region's 汇总 at 100 concurrent clients for 10 s: whole answers, then conditional ones (a
        // dashboard that polls sends the ETag it holds), then the same bytes from memory (the read ceiling).
        // They start once the consumer has applied everything (only one correction in ten is watched for freshness),
        // so the conditional readers hold the current ETag and every answer is the final 汇总.
        String regionUrl = aggregation + "/api/v1/summaries/" + region + "/2023?view=submitted";
        RegionReads regionReads = new RegionReads(http, people.reader);
        RegionReads.Answer answer = regionReads.once(regionUrl);
        // Untimed: the read path has not run since the service started and its first seconds are the JIT's.
        regionReads.run(regionUrl, 100, 5, null);
        RegionReads.Result reads = regionReads.run(regionUrl, 100, 10, null);
        RegionReads.Result conditional = answer.etag() == null ? null : regionReads.run(regionUrl, 100, 10, answer.etag());
        if (answer.gzip() == null) {
            throw new IllegalStateException("GET " + regionUrl + " with Accept-Encoding: gzip was not compressed"
                    + " (quarkus.http.enable-compression)");
        }
        RegionReads.Result served = skipCeilings ? null : regionReads.servedFromMemory(answer.gzip(), 100, 10);

        // Rebuild every 汇总 from the topics.
        long rebuiltRecords = TopicSizes.summaryInputRecords(kafka);
        long rStart = System.nanoTime();
        send(admin, "POST", aggregation + "/api/v1/admin/rebuild", "");
        awaitRebuildCompleted();
        double rebuildSeconds = (System.nanoTime() - rStart) / 1e9;
        List<ReportBody> inRegion = new ArrayList<>(sent.latestReports());
        inRegion.addAll(warmUpSent.latestReports());
        RegionCheck.Result check = RegionCheck.compare(inRegion, year, JSON.readTree(get(people.reader, regionUrl)));

        Double readMedian = skipCeilings ? null : sequentialReadMedianMillis(region);
        // Before the ceilings: they load the broker, which would raise its peak above what the platform needed.
        List<PeakRss.Usage> rss = PeakRss.read(pids);
        KafkaCeiling.Result kafkaCeiling = skipCeilings ? null : KafkaCeiling.measure(kafka, run, sent.payloads());
        JdbcCeiling.Result jdbcCeiling = skipCeilings ? null : jdbc.measure(sent.latestReports(), year, databasePid);
        long storedCells = sent.storedCellCount(year);

        System.out.println();
        System.out.printf("Database: %s; %d cores%n", jdbc.describeServer(), Runtime.getRuntime().availableProcessors());
        System.out.printf("| figure | value | target |%n| --- | --- | --- |%n");
        System.out.printf("| accepted reports/s (save + submit, %d clients) | %.1f | ≥ 300 |%n", clients, units / ingestSeconds);
        printStoredCells(storedCells, units, units / ingestSeconds);
        System.out.printf("| corrections/s (return + save + submit) | %.1f | |%n", corrected / correctionSeconds);
        System.out.printf("| freshness p50 / p95 / p99 (ms, %d samples) | %s | p99 ≤ 1000 |%n", freshness.size(),
                percentiles(freshness));
        printReads("region 汇总 reads, whole answer (%,d bytes of JSON, %,d gzip; %,.0f bytes received per answer)"
                .formatted(answer.body().length, answer.gzip().length, reads.bytesPerAnswer()), reads, "p99 ≤ 20");
        if (conditional != null) {
            printReads("region 汇总 reads, If-None-Match (304)", conditional, "p99 ≤ 20");
        }
        if (served != null) {
            printReads("ceiling: the same gzip bytes served from memory (JDK HTTP server; %,.0f bytes received per answer)"
                    .formatted(served.bytesPerAnswer()), served, "");
        }
        System.out.printf("| rebuild of every 汇总 from the sources' snapshot and the topics (s; %,d records on the topics before) | %.1f | |%n",
                rebuiltRecords, rebuildSeconds);
        if (kafkaCeiling != null) {
            System.out.printf("| rebuild records/s ÷ the Kafka consume ceiling (%,.0f ÷ %,.0f records/s) | %.1f %% | ≥ 10 %% |%n",
                    rebuiltRecords / rebuildSeconds, kafkaCeiling.consumeRecordsPerSecond(),
                    100 * rebuiltRecords / rebuildSeconds / kafkaCeiling.consumeRecordsPerSecond());
        }
        System.out.printf("| malformed saves refused with a 4xx | %d of %d | all |%n", rejected.get(), malformedSent.get());
        System.out.printf("| region 汇总 after the rebuild = Σ of the accepted reports, cell for cell: cells differing | %d of %,d%s | 0 |%n",
                check.cellsDiffering(), check.cellsCompared(),
                check.firstDifference() == null ? "" : " (first: " + check.firstDifference() + ")");
        printCeilings(kafkaCeiling, jdbcCeiling, readMedian);
        if (jdbcCeiling != null) {
            double ceilingReportsPerSecond = jdbcCeiling.rowsPerSecond() / (storedCells / (double) units);
            System.out.printf("| accepted reports/s ÷ the JDBC ceiling in reports/s (%,.0f rows/s ÷ %.0f cells per report"
                    + " = %,.0f reports/s) | %.1f %% | ≥ 50 %% |%n", jdbcCeiling.rowsPerSecond(), storedCells / (double) units,
                    ceilingReportsPerSecond, 100 * (units / ingestSeconds) / ceilingReportsPerSecond);
        }
        if (served != null) {
            System.out.printf("| whole region reads/s ÷ the in-memory ceiling's (both gzip) | %.1f %% | ≥ 80 %% |%n",
                    100 * reads.perSecond() / served.perSecond());
        }
        printRss(rss);
        int accepted = units + corrected;
        System.out.printf("| bytes written to the database per accepted report (InnoDB redo log, ingest and corrections)"
                + " | %,.0f | |%n", redoWritten / (double) accepted);
        if (jdbcCeiling != null) {
            double ceilingBytes = jdbcCeiling.redoBytes() / (double) jdbcCeiling.reports();
            System.out.printf("| bytes per accepted report ÷ the JDBC ceiling's per report (%,.0f bytes of redo log for"
                    + " a report's cells) | %.2f× | ≤ 3× |%n", ceilingBytes, redoWritten / (double) accepted / ceilingBytes);
        }
        double cpuPerReport = cpuUsed.stream().mapToDouble(ProcessCpu.Usage::cpuSeconds).sum() / accepted;
        if (jdbcCeiling != null && jdbcCeiling.cpuSeconds() > 0) {
            double ceilingCpu = jdbcCeiling.cpuSeconds() / jdbcCeiling.reports();
            System.out.printf("| CPU per accepted report, all processes ÷ the JDBC ceiling's (client and server: %.2f ms"
                    + " per report) | %.2f× | ≤ 4× |%n", 1000 * ceilingCpu, cpuPerReport / ceilingCpu);
        }
        printCpu(cpuUsed, cpuPhaseSeconds, accepted);
    }

    /**
     * The ceilings alone, with no platform workload: {@code --units} generated reports, each counted as one save
     * and one submit, as W1 would have sent them. For trying the ceilings out, and for a machine's baseline.
     */
    private void runCeilingsOnly() throws Exception {
        System.out.printf("W1 ceilings only: %d generated reports (units CEIL-U0 …), run %s%n", units, run);
        for (int u = 0; u < units; u++) {
            String code = "CEIL-U" + u;
            ReportBody report = generator.generate(code, 25, u);
            sent.saved(code, report, JSON.writeValueAsString(EventCodec.tree(report)));
            sent.submitted(code);
        }
        if (existingRegion != null) {
            people = BenchPeople.provision(http, identity, "bench", existingRegion);
        }
        Double readMedian = existingRegion == null ? null : sequentialReadMedianMillis(existingRegion);
        List<PeakRss.Usage> rss = PeakRss.read(pids);
        KafkaCeiling.Result kafkaCeiling = KafkaCeiling.measure(kafka, run, sent.payloads());
        JdbcCeiling.Result jdbcCeiling = jdbc.measure(sent.latestReports(), year,
                ProcessCpu.databaseServer(databasePidFile()));

        System.out.println();
        System.out.printf("| figure | value | target |%n| --- | --- | --- |%n");
        printStoredCells(sent.storedCellCount(year), units, Double.NaN);
        printCeilings(kafkaCeiling, jdbcCeiling, readMedian);
        if (existingRegion != null) {
            System.out.printf("| (read side: region %s of an earlier run, not these %d reports) | | |%n",
                    existingRegion, units);
        }
        printRss(rss);
    }

    /**
     * Median of one client's sequential GETs of the region's 汇总: the read side of read vs recompute, with no
     * other load, so it is the latency of serving the kept 汇总 itself.
     */
    private double sequentialReadMedianMillis(String region) throws Exception {
        String url = aggregation + "/api/v1/summaries/" + region + "/2023?view=submitted";
        for (int i = 0; i < 5; i++) { // warm-up: the first reads also pay for the connection and the JIT
            expectOk(url);
        }
        List<Long> nanos = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long t = System.nanoTime();
            expectOk(url);
            nanos.add(System.nanoTime() - t);
        }
        Collections.sort(nanos);
        return at(nanos, 0.50);
    }

    /** A 404 answers fast: counting it as a read would flatter the ratio, so anything but a 200 stops the run. */
    private void expectOk(String url) throws Exception {
        int status = send(people.reader, "GET", url, null);
        if (status != 200) {
            throw new IllegalStateException("GET " + url + " answered " + status);
        }
    }

    /** Beside the ingest figure: the cells behind it, so it compares with the JDBC ceiling's rows/s. */
    private static void printStoredCells(long cells, int reports, double reportsPerSecond) {
        double perReport = cells / (double) Math.max(1, reports);
        String rate = Double.isNaN(reportsPerSecond) ? ""
                : String.format(", ≈ %,.0f cells/s at the accepted-reports rate", perReport * reportsPerSecond);
        System.out.printf("| cells stored by the run (latest versions, derived subtotals included) | %,d (%.0f per report%s) | |%n",
                cells, perReport, rate);
    }

    /** The ceilings' rows; a ceiling that was skipped (or a read side that was not measured) prints nothing. */
    private static void printCeilings(KafkaCeiling.Result kafka, JdbcCeiling.Result jdbc, Double readMedian) {
        if (kafka != null) {
            System.out.printf("| ceiling: Kafka produce, same records (records/s, MiB/s; %,d records, %.1f MiB) | %,.0f, %.1f | |%n",
                    kafka.records(), kafka.bytes() / (1024.0 * 1024.0), kafka.produceRecordsPerSecond(),
                    kafka.produceMiBPerSecond());
            System.out.printf("| ceiling: Kafka consume (records/s; group join of %.2f s not counted) | %,.0f | |%n",
                    kafka.joinSeconds(), kafka.consumeRecordsPerSecond());
        }
        if (jdbc != null) {
            System.out.printf("| ceiling: JDBC batch insert of the same cells (rows/s; %,d rows) | %,.0f | |%n",
                    jdbc.rows(), jdbc.rowsPerSecond());
        }
        if (readMedian != null) {
            System.out.printf("| region 汇总 read, one client, median (ms) | %.2f | |%n", readMedian);
        }
        if (jdbc != null) {
            System.out.printf("| SQL GROUP BY over all cells, median (ms; %,d result rows) | %.1f | |%n",
                    jdbc.groupByResultRows(), jdbc.groupByMedianMillis());
        }
        if (jdbc != null && readMedian != null) {
            System.out.printf("| read vs recompute (GROUP BY median / read median) | %.0f× | ≥ 100× |%n",
                    jdbc.groupByMedianMillis() / readMedian);
        }
    }

    private static void printReads(String what, RegionReads.Result r, String target) {
        System.out.printf("| %s at %d clients: reads/s; p50 / p95 / p99 (ms)%s | %.0f; %s | %s |%n", what, r.clients(),
                r.unexpected() == 0 ? "" : "; " + r.unexpected() + " unexpected answers", r.perSecond(),
                percentiles(r.latencies()), target);
    }

    private static void printRss(List<PeakRss.Usage> rss) {
        double services = 0;
        for (PeakRss.Usage u : rss) {
            System.out.printf("| peak RSS %s (MiB; now %.0f) | %.0f | |%n", u.service(), u.currentMiB(), u.peakMiB());
            if (u.service().endsWith("-service")) {
                services += u.peakMiB();
            }
        }
        if (!rss.isEmpty()) {
            System.out.printf("| peak RSS, sum of the three services (MiB) | %.0f | ≤ 1,200 |%n", services);
        }
    }

    /**
     * The ingest's CPU (saves, submissions, corrections, until the consumer is idle) by process, as a second table:
     * CPU seconds, the share of one core over the phase, and milliseconds per accepted report (a first submission or
     * a correction's resubmission).
     */
    private static void printCpu(List<ProcessCpu.Usage> used, double phaseSeconds, int acceptedReports) {
        System.out.println();
        System.out.printf("CPU during the ingest (%.1f s, %,d accepted reports incl. corrections; /proc/<pid>/stat):%n",
                phaseSeconds, acceptedReports);
        System.out.printf("| process | CPU (s) | share of a core | CPU per report (ms) |%n| --- | --- | --- | --- |%n");
        double total = 0;
        for (ProcessCpu.Usage u : used.stream().sorted((a, b) -> Double.compare(b.cpuSeconds(), a.cpuSeconds())).toList()) {
            System.out.printf("| %s | %.1f | %.1f %% | %.2f |%n", u.process(), u.cpuSeconds(),
                    100 * u.cpuSeconds() / phaseSeconds, 1000 * u.cpuSeconds() / acceptedReports);
            total += u.cpuSeconds();
        }
        System.out.printf("| **total** | %.1f | %.1f %% of %d %% | %.2f |%n", total, 100 * total / phaseSeconds,
                100 * Runtime.getRuntime().availableProcessors(), 1000 * total / acceptedReports);
    }

    /** The server's pid file as it names it; none when it cannot be asked (the CPU table then scans /proc). */
    private Path databasePidFile() {
        try {
            return jdbc.pidFile();
        } catch (Exception e) {
            return null;
        }
    }

    /** Until the consumer has nothing pending. A restarted one reports its lag as unknown (-1) until it has measured it. */
    private void awaitConsumerIdle() throws Exception {
        while (true) {
            JsonNode state = JSON.readTree(get(people.reader, aggregation + "/api/v1/admin/consumer"));
            if (state.path("pendingEvents").asLong(-1) == 0 && state.path("ownedPartitions").asInt() > 0) {
                return;
            }
            Thread.sleep(200); // polling interval of the consumer's progress, not a timing guess
        }
    }

    /** Until the rebuild says COMPLETED: the sources re-published their state and the consumer reached its end. */
    private void awaitRebuildCompleted() throws Exception {
        while (!"COMPLETED".equals(JSON.readTree(get(people.admin, aggregation + "/api/v1/admin/rebuild")).path("phase").asText())) {
            Thread.sleep(200); // polling interval of the rebuild's progress, not a timing guess
        }
    }

    /** Nanoseconds from the submission's answer until the unit's 汇总 node counts that version. */
    private long awaitVisible(String unit, int version, long submittedAt) {
        try {
            while (true) {
                JsonNode s = JSON.readTree(get(people.reader,
                        aggregation + "/api/v1/summaries/" + unit + "/2023/units?view=submitted"));
                JsonNode in = s.path("in");
                if (in.size() == 1 && in.get(0).path("version").asInt() >= version) {
                    return System.nanoTime() - submittedAt;
                }
                // polling interval: the measurement's resolution, 2 % of the 1 s target; at 5 ms the four pollers were
                // a measurable share of aggregation-service's CPU during the ingest they measure
                Thread.sleep(20);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String percentiles(List<Long> nanos) {
        if (nanos.isEmpty()) {
            return "–";
        }
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return String.format("%.1f / %.1f / %.1f", at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99));
    }

    /** The q-quantile of sorted nanoseconds, in milliseconds (a duration, not money). */
    private static double at(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.floor(q * sorted.size()))) / 1e6;
    }

    /**
     * {@code --warm-up N}: N more units of the region save and submit before anything is measured, and the consumer
     * is let go idle, so that a short run measures the services warm (the JIT's first minutes cost a cold 1,000-unit
     * run twice the CPU per report of a long one). Their reports count in the region's 汇总 and in its check after
     * the rebuild; no figure counts them.
     */
    private void warmUp(String region, BearerTokens filler) throws Exception {
        if (warmUp == 0) {
            return;
        }
        long start = System.nanoTime();
        parallel(warmUp, i -> {
            int u = units + i;
            String code = unit(region, u);
            ReportBody report = generator.generate(code, 25, u);
            String url = accounts + "/api/v1/units/" + code + "/reports/2023";
            String json = JSON.writeValueAsString(EventCodec.tree(report));
            put(filler, url, json, 201);
            warmUpSent.saved(code, report, json);
            post(filler, url + "/submit", Map.of("by", "bench-unit"));
            warmUpSent.submitted(code);
        });
        awaitConsumerIdle();
        System.out.printf("W1 warmed up with %d units in %.1f s%n", warmUp, (System.nanoTime() - start) / 1e9);
    }

    private static String dept(String region, int d) {
        return region + "-D" + d;
    }

    private static String unit(String region, int u) {
        return region + "-U" + u;
    }

    interface Task {
        void run(int i) throws Exception;
    }

    private void parallel(int n, Task task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        List<Future<?>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            futures.add(pool.submit(() -> {
                task.run(k);
                return null;
            }));
        }
        pool.shutdown();
        for (Future<?> f : futures) {
            f.get();
        }
    }

    private void put(BearerTokens who, String url, Object body, int expectedFirst) throws Exception {
        int status = send(who, "PUT", url, body instanceof String s ? s : JSON.writeValueAsString(body));
        if (status != expectedFirst && status != 200 && status != 201) {
            throw new IllegalStateException("PUT " + url + " answered " + status);
        }
    }

    /** POSTs and returns System.nanoTime() when the 2xx answer arrived. */
    private long post(BearerTokens who, String url, Object body) throws Exception {
        int status = send(who, "POST", url, JSON.writeValueAsString(body));
        if (status / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + status);
        }
        return System.nanoTime();
    }

    /**
     * GET as {@code who}: the body whatever the status (a 汇总 not there yet is a 404 the pollers wait out), except a
     * 401 or 403, which stop the run: polling with a refused token would wait for ever.
     */
    private String get(BearerTokens who, String url) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", who.header())
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 401 || r.statusCode() == 403) {
            throw new IllegalStateException("GET " + url + " as " + who.who() + " answered " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    private int send(BearerTokens who, String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", who.header())
                // an integrating system that keeps what it sent needs only the state and the findings back
                .header("Prefer", "return=minimal");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        int status = http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status == 401 || status == 403) {
            // never a figure: a refused token would otherwise count as a malformed save's 4xx or fail much later
            throw new IllegalStateException(method + " " + url + " as " + who.who() + " answered " + status);
        }
        return status;
    }
}
