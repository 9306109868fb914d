package cn.finalaccounts.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Readers of the drill's region 汇总 while a fault lasts, as a bureau's dashboard would read it: each reader asks,
 * waits a little, asks again. Every answer is tallied by status ({@code none}: nothing answered within 10 s), a
 * refusal also by its problem type (the last part of {@code type}: {@code rebuild-under-way},
 * {@code service-unavailable}, the latter marked {@code (haproxy)} when HAProxy said it because no instance answered),
 * so the table says what share of reads a client saw answered during the fault and who refused the others.
 */
final class DrillReads {
    private final HttpClient http;
    private final String url;
    private final BearerTokens reader;
    private final int readers;
    private final Map<String, Integer> statuses = new TreeMap<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    DrillReads(HttpClient http, String aggregation, String region, BearerTokens reader, int readers) {
        this.http = http;
        this.url = aggregation + "/api/v1/summaries/" + region + "/2023";
        this.reader = reader;
        this.readers = readers;
    }

    void start() {
        running.set(true);
        for (int i = 0; i < readers; i++) {
            Thread t = new Thread(this::readUntilStopped, "drill-reader-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
    }

    /** Stops the readers; returns "n reads, p % 200 (counts by status)". */
    String stop() throws InterruptedException {
        running.set(false);
        for (Thread t : threads) {
            t.join(15_000);
        }
        synchronized (statuses) {
            int all = statuses.values().stream().mapToInt(Integer::intValue).sum();
            int ok = statuses.getOrDefault("200", 0);
            StringBuilder b = new StringBuilder();
            statuses.forEach((s, n) -> b.append(b.length() == 0 ? "" : ", ").append(n).append('×').append(s));
            return all == 0 ? "no reads" : String.format("%.2f %% of %d (%s)", 100.0 * ok / all, all, b);
        }
    }

    /** A problem's type, its last part captured: {@code urn:final-accounts:problem:rebuild-under-way}. */
    private static final Pattern PROBLEM_TYPE = Pattern.compile("\"type\"\\s*:\\s*\"[^\"]*?([\\w-]+)\"");

    /** "503 rebuild-under-way", "503 without Retry-After", "404 not-found": the status and who said it. */
    private static String refusal(HttpResponse<?> r, InputStream body) throws IOException {
        if (r.statusCode() == 503 && r.headers().firstValue("Retry-After").isEmpty()) {
            return "503 without Retry-After";
        }
        String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
        Matcher type = PROBLEM_TYPE.matcher(text);
        return r.statusCode() + (type.find() ? " " + type.group(1) : "")
                + (text.contains("\"every instance of") ? " (haproxy)" : "");
    }

    private void readUntilStopped() {
        while (running.get()) {
            String status;
            try {
                HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10)).header("Authorization", reader.header())
                        .header("Accept-Encoding", "identity").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = r.body()) {
                    status = r.statusCode() == 200 ? "200" : refusal(r, body);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                status = "none";
            }
            synchronized (statuses) {
                statuses.merge(status, 1, Integer::sum);
            }
            try {
                Thread.sleep(100); // a dashboard's pace, not a load test: the burst is the load
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
