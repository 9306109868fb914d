package cn.finalaccounts.testsupport;

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
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Sends generated malformed bodies to a running service and tallies the answers: each must be a 4xx whose body
 * is application/problem+json with the same status. What is not is kept (at most 20) to be shown.
 */
public final class FuzzRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 4;

    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    private int sent;
    private long millis;

    public static FuzzRun send(URI base, List<MalformedBodies.Malformed> bodies) throws Exception {
        return send(base, bodies, null);
    }

    /**
     * As {@link #send(URI, List)}, each request carrying {@code Authorization: Bearer token}: without it every body
     * would be refused with 401 before it is read, and the run would prove nothing about the body's checks.
     */
    public static FuzzRun send(URI base, List<MalformedBodies.Malformed> bodies, String token) throws Exception {
        FuzzRun run = new FuzzRun();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (MalformedBodies.Malformed m : bodies) {
                futures.add(pool.submit(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(m.endpoint().path()))
                            .header("Content-Type", "application/json")
                            .method(m.endpoint().method(), HttpRequest.BodyPublishers.ofString(m.body()))
                            .timeout(Duration.ofSeconds(30));
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    run.record(m, r);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        run.millis = (System.nanoTime() - start) / 1_000_000;
        run.sent = bodies.size();
        return run;
    }

    private void record(MalformedBodies.Malformed m, HttpResponse<String> r) {
        synchronized (byStatus) {
            byStatus.merge(r.statusCode(), 1, Integer::sum);
        }
        String problem = problemOf(r);
        if (r.statusCode() < 400 || r.statusCode() >= 500 || problem != null) {
            if (wrong.size() < 20) {
                wrong.add(r.statusCode() + " " + m.endpoint().name() + " [" + m.mutation() + "] "
                        + (problem == null ? "" : problem + " ") + abbreviate(m.body()) + " → " + abbreviate(r.body()));
            }
        }
    }

    /** Why the answer is not a problem+json of its status, or null when it is. */
    private static String problemOf(HttpResponse<String> r) {
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("application/problem+json")) {
            return "(content type '" + type + "')";
        }
        try {
            JsonNode p = JSON.readTree(r.body());
            if (p.path("status").asInt() != r.statusCode() || !p.path("type").asText().startsWith("urn:final-accounts:problem:")) {
                return "(not a problem of status " + r.statusCode() + ")";
            }
        } catch (Exception e) {
            return "(body is not JSON)";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 300) + "…(" + s.length() + " chars)";
    }

    public Map<Integer, Integer> byStatus() {
        return byStatus;
    }

    public List<String> wrong() {
        return wrong;
    }

    public String summary(String service, long seed) {
        return String.format("fuzz %s: %d malformed bodies (seed %d) in %.1f s; answers by status %s", service, sent, seed,
                millis / 1000.0, byStatus);
    }
}
