package cn.finalaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
    private static final int THREADS = 6;

    private final Map<Integer, Integer> byStatus = new TreeMap<>();
    private final List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    private final List<String> taken = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Integer> wrongKinds = new TreeMap<>();
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
        return sendRequests(base, bodies.stream().map(Hostile::of).toList(), token);
    }

    /**
     * One hostile request: what it breaks, its method, path (already percent-encoded where it must be), headers as
     * name/value pairs and body. {@code mayBeTaken}: the request may be answered 2xx (an identifier another change
     * makes canonical); such answers are listed in {@link #taken()}, not counted as wrong; a 5xx still is.
     */
    public record Hostile(String endpoint, String mutation, String method, String path, List<String> headers,
            byte[] body, boolean mayBeTaken) {
        public static Hostile of(MalformedBodies.Malformed m) {
            return new Hostile(m.endpoint().name(), m.mutation(), m.endpoint().method(), m.endpoint().path(),
                    List.of("Content-Type", "application/json"), m.body().getBytes(StandardCharsets.UTF_8), false);
        }

        String shownBody() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** Sends the requests, {@value #THREADS} at a time, each with the caller's token when one is given. */
    public static FuzzRun sendRequests(URI base, List<Hostile> requests, String token) throws Exception {
        FuzzRun run = new FuzzRun();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (Hostile h : requests) {
                futures.add(pool.submit(() -> {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                                    + h.path()))
                            .method(h.method(), h.body() == null ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofByteArray(h.body()))
                            .timeout(Duration.ofSeconds(30));
                    for (int i = 0; i < h.headers().size(); i += 2) {
                        request.header(h.headers().get(i), h.headers().get(i + 1));
                    }
                    if (token != null) {
                        request.header("Authorization", "Bearer " + token);
                    }
                    HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    run.record(h, r);
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
        run.sent = requests.size();
        return run;
    }

    private void record(Hostile h, HttpResponse<String> r) {
        synchronized (byStatus) {
            byStatus.merge(r.statusCode(), 1, Integer::sum);
        }
        if (h.mayBeTaken() && r.statusCode() < 400) {
            taken.add(r.statusCode() + " " + h.method() + " " + h.path() + " [" + h.mutation() + "]");
            return;
        }
        String problem = problemOf(r);
        if (r.statusCode() < 400 || r.statusCode() >= 500 || problem != null) {
            // At most 3 examples of each kind (the mutation's words before " at " or "["), 40 in all: one kind
            // that fails often must not hide another.
            String kind = h.mutation().split(" at |\\[")[0].strip() + " " + r.statusCode();
            int ofKind;
            synchronized (wrongKinds) {
                ofKind = wrongKinds.merge(kind, 1, Integer::sum);
            }
            if (ofKind <= 3 && wrong.size() < 40) {
                wrong.add(r.statusCode() + " " + h.endpoint() + " " + h.method() + " " + h.path() + " [" + h.mutation()
                        + "] " + h.headers() + " " + (problem == null ? "" : problem + " ") + abbreviate(h.shownBody())
                        + " → " + abbreviate(r.body()));
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

    /** Examples of answers that were not a 4xx problem+json, preceded by how many of each kind there were. */
    public List<String> wrong() {
        if (wrong.isEmpty()) {
            return wrong;
        }
        List<String> out = new ArrayList<>();
        synchronized (wrongKinds) {
            out.add("wrong answers by kind: " + wrongKinds);
        }
        out.addAll(wrong);
        return out;
    }

    /** The requests that were allowed to be taken and were (2xx/3xx), for the report of what is still accepted. */
    public List<String> taken() {
        return taken;
    }

    public int sent() {
        return sent;
    }

    public String summary(String service, long seed) {
        return String.format("fuzz %s: %d hostile requests (seed %d) in %.1f s; answers by status %s", service, sent, seed,
                millis / 1000.0, byStatus);
    }

    /**
     * Notes how many inputs the test class sent, in {@code target/fuzz-inputs/} of the build's root, and prints it
     * with the total over every class noted there: after a whole build, the last class to run prints the suite's
     * total (issue 20 keeps it at 10,000 or more).
     */
    public static long tally(String testClass, long inputs) {
        Path dir = root().resolve("target").resolve("fuzz-inputs");
        long total = 0;
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(testClass + ".count"), Long.toString(inputs));
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".count")).toList()) {
                    total += Long.parseLong(Files.readString(f).strip());
                }
            }
        } catch (IOException | NumberFormatException e) {
            total = -1;
        }
        System.out.printf("fuzz inputs: %s sent %,d; all fuzz classes of the suite (as last run): %,d%n", testClass, inputs,
                total);
        return total;
    }

    /** The build's root: the nearest directory above the working directory that holds mvnw. */
    private static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path p = here; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("mvnw"))) {
                return p;
            }
        }
        return here;
    }
}
