package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.report.ReportBody;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
    private final ReportGenerator generator = new ReportGenerator(FiscalYears.bundled().year(2023).orElseThrow());

    private W1Benchmark(Map<String, String> args) {
        accounts = args.getOrDefault("accounts", "http://127.0.0.1:8081");
        aggregation = args.getOrDefault("aggregation", "http://127.0.0.1:8083");
        units = Integer.parseInt(args.getOrDefault("units", "10000"));
        departments = Integer.parseInt(args.getOrDefault("departments", "40"));
        clients = Integer.parseInt(args.getOrDefault("clients", "32"));
        correctionShare = Double.parseDouble(args.getOrDefault("corrections", "0.10"));
        malformedShare = Double.parseDouble(args.getOrDefault("malformed", "0.01"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new java.util.HashMap<>();
        for (int i = 0; i + 1 < argv.length; i += 2) {
            args.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
        }
        new W1Benchmark(args).run();
    }

    private void run() throws Exception {
        String region = "W1" + run;
        System.out.printf("W1: %d units under %d departments of region %s, %d clients%n", units, departments, region,
                clients);
        put(accounts + "/api/v1/units/" + region, Map.of("name", "基准测试地区", "kind", "region"), 201);
        parallel(departments, d -> put(accounts + "/api/v1/units/" + dept(region, d),
                Map.of("name", "部门" + d, "kind", "department", "parent", region), 201));
        parallel(units, u -> put(accounts + "/api/v1/units/" + unit(region, u),
                Map.of("name", "单位" + u, "kind", "unit", "parent", dept(region, u % departments), "unitType", "事业"), 201));

        // Ingest: save and submit every unit's report; 1 % of the saves are malformed and must get a 4xx.
        List<Long> freshness = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger malformedSent = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(4);
        long start = System.nanoTime();
        parallel(units, u -> {
            String code = unit(region, u);
            ReportBody report = generator.generate(code, 25, u);
            String url = accounts + "/api/v1/units/" + code + "/reports/2023";
            if (u % Math.max(1, (int) Math.round(1 / malformedShare)) == 7) {
                malformedSent.incrementAndGet();
                String bad = EventCodec.tree(report).toString().replaceFirst("\"amount\":\"([0-9]+)\\.([0-9]{2})\"",
                        "\"amount\":\"$1.$20001\"");
                if (send("PUT", url, bad) / 100 == 4) {
                    rejected.incrementAndGet();
                }
            }
            put(url, EventCodec.tree(report), 201);
            long submitted = post(url + "/submit", Map.of("by", "bench-unit"));
            if (u % 50 == 0) {
                pollers.submit(() -> freshness.add(awaitVisible(code, 1, submitted)));
            }
        });
        double ingestSeconds = (System.nanoTime() - start) / 1e9;

        // Corrections: returned by a reviewer, changed, submitted again as version 2.
        int corrected = (int) Math.round(units * correctionShare);
        long cStart = System.nanoTime();
        parallel(corrected, i -> {
            int u = i * Math.max(1, units / Math.max(1, corrected));
            String code = unit(region, u);
            String url = accounts + "/api/v1/units/" + code + "/reports/2023";
            post(url + "/return", Map.of("by", "bench-reviewer", "reason", "更正"));
            put(url, EventCodec.tree(generator.generate(code, 25, u + 1_000_000)), 200);
            long submitted = post(url + "/submit", Map.of("by", "bench-unit"));
            if (i % 10 == 0) {
                pollers.submit(() -> freshness.add(awaitVisible(code, 2, submitted)));
            }
        });
        double correctionSeconds = (System.nanoTime() - cStart) / 1e9;
        pollers.shutdown();
        pollers.awaitTermination(10, TimeUnit.MINUTES);

        // Reads of the region's 汇总 at 100 concurrent clients for 10 s.
        List<Long> reads = Collections.synchronizedList(new ArrayList<>());
        long readEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        ExecutorService readers = Executors.newFixedThreadPool(100);
        for (int c = 0; c < 100; c++) {
            readers.submit(() -> {
                while (System.nanoTime() < readEnd) {
                    long t = System.nanoTime();
                    send("GET", aggregation + "/api/v1/summaries/" + region + "/2023?view=submitted", null);
                    reads.add(System.nanoTime() - t);
                }
                return null;
            });
        }
        readers.shutdown();
        readers.awaitTermination(1, TimeUnit.MINUTES);

        // Rebuild every 汇总 from the topics.
        long rStart = System.nanoTime();
        send("POST", aggregation + "/api/v1/admin/rebuild", "");
        // The restarted consumer reports its lag as unknown (-1) until it has measured it over its partitions.
        while (true) {
            JsonNode state = JSON.readTree(get(aggregation + "/api/v1/admin/consumer"));
            if (state.path("pendingEvents").asLong(-1) == 0 && state.path("ownedPartitions").asInt() > 0) {
                break;
            }
            Thread.sleep(200); // polling interval of the rebuild's progress, not a timing guess
        }
        double rebuildSeconds = (System.nanoTime() - rStart) / 1e9;

        System.out.println();
        System.out.printf("| figure | value | target |%n| --- | --- | --- |%n");
        System.out.printf("| accepted reports/s (save + submit, %d clients) | %.1f | ≥ 300 |%n", clients, units / ingestSeconds);
        System.out.printf("| corrections/s (return + save + submit) | %.1f | |%n", corrected / correctionSeconds);
        System.out.printf("| freshness p50 / p95 / p99 (ms, %d samples) | %s | p99 ≤ 1000 |%n", freshness.size(),
                percentiles(freshness));
        System.out.printf("| region 汇总 reads/s at 100 clients | %.0f | |%n", reads.size() / 10.0);
        System.out.printf("| region 汇总 read p50 / p95 / p99 (ms) | %s | p99 ≤ 20 |%n", percentiles(reads));
        System.out.printf("| rebuild of every 汇总 from the topics (s) | %.1f | ≤ 30 |%n", rebuildSeconds);
        System.out.printf("| malformed saves refused with a 4xx | %d of %d | all |%n", rejected.get(), malformedSent.get());
    }

    /** Nanoseconds from the submission's answer until the unit's 汇总 node counts that version. */
    private long awaitVisible(String unit, int version, long submittedAt) {
        try {
            while (true) {
                JsonNode s = JSON.readTree(get(aggregation + "/api/v1/summaries/" + unit + "/2023/units?view=submitted"));
                JsonNode in = s.path("in");
                if (in.size() == 1 && in.get(0).path("version").asInt() >= version) {
                    return System.nanoTime() - submittedAt;
                }
                Thread.sleep(5); // polling interval: bounds the freshness measurement's resolution to ~5 ms
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

    private void put(String url, Object body, int expectedFirst) throws Exception {
        int status = send("PUT", url, body instanceof String s ? s : JSON.writeValueAsString(body));
        if (status != expectedFirst && status != 200 && status != 201) {
            throw new IllegalStateException("PUT " + url + " answered " + status);
        }
    }

    /** POSTs and returns System.nanoTime() when the 2xx answer arrived. */
    private long post(String url, Object body) throws Exception {
        int status = send("POST", url, JSON.writeValueAsString(body));
        if (status / 100 != 2) {
            throw new IllegalStateException("POST " + url + " answered " + status);
        }
        return System.nanoTime();
    }

    private String get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private int send(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
