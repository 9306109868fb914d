package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The drill's traffic, all to 127.0.0.1: a fresh department's units registered, then the burst — each unit's
 * report saved, submitted (上报) and approved (审核通过) by a few concurrent clients, as units and a reviewer
 * would — and, once it is over, the sum of the approved versions recomputed from what accounts-service holds.
 *
 * <p>A client retries a step that got a 5xx or no answer, once a second, for at most {@code stepPatience}: an
 * operator's clients do that, and it lets the burst go on across a restart. A 409 on a retried step means an
 * earlier attempt went through although its answer was lost; the step is then done. Every 5xx is counted by status.
 *
 * <p>Each request carries the bearer token of the person who would send it ({@link BenchPeople}, scoped to the
 * drill's region): the admin registers the units, the filler saves and submits, the reviewer approves, the reader
 * reads the approved versions back.
 */
final class DrillTraffic {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A 503 that did not say when to ask again (no Retry-After), tallied apart from those that did. */
    static final int BARE_503 = -503;

    /** What one burst saw. */
    record Burst(int approvalsAccepted, int unitsGivenUp, Map<Integer, Integer> fiveXx, int noAnswer) {
        String fiveXxText() {
            if (fiveXx.isEmpty()) {
                return "0";
            }
            StringBuilder b = new StringBuilder();
            fiveXx.forEach((status, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append("×")
                    .append(status == BARE_503 ? "503 without Retry-After" : status));
            return b.toString();
        }
    }

    private final HttpClient http;
    private final String accounts;
    private final ReportGenerator generator;
    private final Duration stepPatience;
    private final BenchPeople people;

    DrillTraffic(HttpClient http, String accounts, ReportGenerator generator, Duration stepPatience, BenchPeople people) {
        this.http = http;
        this.people = people;
        this.accounts = accounts;
        this.generator = generator;
        this.stepPatience = stepPatience;
    }

    /** Registers {@code region} (when missing), the department under it and its units; refuses to go on otherwise. */
    void register(String region, String department, int units) throws Exception {
        put(accounts + "/api/v1/units/" + region, JSON.writeValueAsString(Map.of("name", "故障演练地区", "kind", "region")));
        put(accounts + "/api/v1/units/" + department,
                JSON.writeValueAsString(Map.of("name", "故障演练部门 " + department, "kind", "department", "parent", region)));
        for (int u = 0; u < units; u++) {
            put(accounts + "/api/v1/units/" + unit(department, u), JSON.writeValueAsString(
                    Map.of("name", "演练单位" + u, "kind", "unit", "parent", department, "unitType", "事业")));
        }
    }

    /**
     * Saves, submits and approves every unit's report with {@code clients} clients. {@code halfway} runs once, on its
     * own thread, when half the units are through: that is where the fault goes in. Bounded: every step has its
     * patience, and the whole burst at most {@code limit}.
     */
    Burst burst(String department, int units, int clients, Runnable halfway, Duration limit) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        AtomicInteger approved = new AtomicInteger();
        AtomicInteger givenUp = new AtomicInteger();
        AtomicInteger noAnswer = new AtomicInteger();
        Map<Integer, Integer> fiveXx = new TreeMap<>();
        AtomicInteger fired = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long deadline = System.nanoTime() + limit.toNanos();
        for (int c = 0; c < clients; c++) {
            pool.submit(() -> {
                for (int u = next.getAndIncrement(); u < units && System.nanoTime() < deadline; u = next.getAndIncrement()) {
                    String code = unit(department, u);
                    String url = accounts + "/api/v1/units/" + code + "/reports/2023";
                    try {
                        ReportBody report = generator.generate(code, 25, code.hashCode());
                        String body = JSON.writeValueAsString(EventCodec.tree(report));
                        if (step(people.filler, "PUT", url, body, fiveXx, noAnswer) / 100 == 2
                                && step(people.filler, "POST", url + "/submit", "{\"by\": \"演练填报员\"}", fiveXx,
                                        noAnswer) / 100 == 2) {
                            if (step(people.reviewer, "POST", url + "/approve",
                                    "{\"by\": \"演练审核员\", \"reason\": \"故障演练\"}", fiveXx, noAnswer) / 100 == 2) {
                                approved.incrementAndGet();
                            } else {
                                givenUp.incrementAndGet();
                            }
                        } else {
                            givenUp.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    } catch (IOException e) {
                        givenUp.incrementAndGet();
                    }
                    if (done.incrementAndGet() >= units / 2 && fired.getAndIncrement() == 0) {
                        Thread t = new Thread(halfway, "drill-fault");
                        t.setDaemon(true);
                        t.start();
                    }
                }
            });
        }
        pool.shutdown();
        if (!pool.awaitTermination(limit.toSeconds() + stepPatience.toSeconds() + 30, TimeUnit.SECONDS)) {
            pool.shutdownNow();
        }
        if (fired.get() == 0) {
            halfway.run(); // a burst cut short still gets its fault, so the drill always injects and heals it
        }
        synchronized (fiveXx) {
            return new Burst(approved.get(), givenUp.get(), new TreeMap<>(fiveXx), noAnswer.get());
        }
    }

    /**
     * One step, retried on 5xx or no answer for at most the step's patience. Returns the final status (2xx, 4xx, or
     * the last 5xx; 0 when nothing answered); a 409 after a failed attempt counts as done (200).
     */
    private int step(BearerTokens who, String method, String url, String body, Map<Integer, Integer> fiveXx,
            AtomicInteger noAnswer) throws InterruptedException {
        long deadline = System.nanoTime() + stepPatience.toNanos();
        boolean retried = false;
        int status = 0;
        for (int attempt = 0; attempt < 600; attempt++) {
            boolean saysWhen = false;
            try {
                HttpResponse<Void> r = send(who, method, url, body);
                status = r.statusCode();
                saysWhen = r.headers().firstValue("Retry-After").isPresent();
            } catch (IOException e) {
                status = 0;
                noAnswer.incrementAndGet();
            }
            if (status >= 500) {
                synchronized (fiveXx) {
                    fiveXx.merge(status == 503 && !saysWhen ? BARE_503 : status, 1, Integer::sum);
                }
            }
            if (status == 409 && retried) {
                return 200;
            }
            if (status != 0 && status < 500) {
                return status;
            }
            if (System.nanoTime() >= deadline) {
                return status;
            }
            retried = true;
            Thread.sleep(1000);
        }
        return status;
    }

    /**
     * The 汇总 the department must show: the sum, cell by cell, of every unit's latest approved version as
     * accounts-service keeps it (the report with its derived subtotals, as the event carried it), whatever the
     * drill believes it sent. Returns null when accounts-service could not be read within the limit.
     */
    Expected approvedSum(String department, int units, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        CellSheet sum = new CellSheet();
        int approvedUnits = 0;
        for (int u = 0; u < units; u++) {
            String url = accounts + "/api/v1/units/" + unit(department, u) + "/reports/2023";
            JsonNode versions = readWithin(url + "/versions", deadline);
            if (versions == null) {
                return null;
            }
            if (versions.isMissingNode()) {
                continue; // never saved: no report, nothing approved
            }
            int latestApproved = 0;
            for (JsonNode v : versions) {
                // "approval" is there whenever the version was approved, also after a later return; older
                // builds of accounts-service only say so in "state"
                if (v.has("approval") || "approved".equals(v.path("state").asText())) {
                    latestApproved = Math.max(latestApproved, v.path("version").asInt());
                }
            }
            if (latestApproved > 0) {
                JsonNode detail = readWithin(url + "/versions/" + latestApproved, deadline);
                if (detail == null || detail.isMissingNode()) {
                    return null;
                }
                sum.addAll(ReportJson.read(detail.path("report").toString()).toSheet());
                approvedUnits++;
            }
        }
        return new Expected(sum, approvedUnits);
    }

    record Expected(CellSheet cells, int approvedUnits) {
    }

    /** GET as JSON, retried until the deadline; a 404 is the missing node; null when nothing usable came. */
    private JsonNode readWithin(String url, long deadline) throws InterruptedException {
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                        .header("Authorization", people.reader.header()).GET().build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return JSON.readTree(r.body());
                }
                if (r.statusCode() == 404) {
                    return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
                }
            } catch (IOException e) {
                // not answering yet: try again below
            }
            if (System.nanoTime() >= deadline) {
                return null;
            }
            Thread.sleep(1000);
        }
    }

    private void put(String url, String body) throws Exception {
        int status = send(people.admin, "PUT", url, body).statusCode();
        if (status != 200 && status != 201) {
            throw new IllegalStateException("PUT " + url + " answered " + status);
        }
    }

    private HttpResponse<Void> send(BearerTokens who, String method, String url, String body)
            throws IOException, InterruptedException {
        HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Authorization", who.header())
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(r, HttpResponse.BodyHandlers.discarding());
    }

    static String unit(String department, int u) {
        return department + "-U" + u;
    }
}
