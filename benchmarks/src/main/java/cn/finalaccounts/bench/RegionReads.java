package cn.finalaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;

/**
 * Reads of one URL by a fixed number of closed-loop clients for a fixed time: every client sends its next GET
 * as soon as the previous answer is in. Also the read ceiling: the same answer's bytes served from memory by the
 * JDK's HTTP server in this process, so the platform's read figures stand beside what this machine's loopback
 * HTTP can do with bodies that large.
 *
 * <p>The readers send {@code Accept-Encoding: gzip}, as a browser does, and the services compress large answers. The
 * JDK's client does not decompress: the bytes counted are the compressed ones that crossed the loopback, each
 * answer is checked to be gzip, and {@link #once} decompresses one to check it is the very JSON of an uncompressed
 * answer. The ceiling serves the same compressed bytes with {@code Content-Encoding: gzip}, so the two compare like
 * with like.
 */
final class RegionReads {
    /** Reads done, their latencies (ns) and how many answers had an unexpected status. */
    record Result(int clients, double seconds, List<Long> latencies, int unexpected, long bytesReceived) {
        double perSecond() {
            return latencies.size() / seconds;
        }

        /** Body bytes per answer as received (compressed when the answers were). */
        double bytesPerAnswer() {
            return latencies.isEmpty() ? 0 : bytesReceived / (double) latencies.size();
        }
    }

    private final HttpClient http;
    /** The reader whose token every GET carries; the ceiling's GETs carry it too, so both sides send the same bytes. */
    private final BearerTokens reader;

    RegionReads(HttpClient http, BearerTokens reader) {
        this.http = http;
        this.reader = reader;
    }

    /**
     * A GET's status, JSON body, the same answer as gzip bytes, and the ETag: what the reads then ask for.
     * {@code gzip} is null when the service did not compress.
     */
    record Answer(int status, byte[] body, byte[] gzip, String etag) {
    }

    /**
     * The answer twice, without and with {@code Accept-Encoding: gzip}; the compressed one must say
     * {@code Content-Encoding: gzip} and decompress to the same JSON but for its freshness, else the run stops: a
     * read figure of answers that are not the 汇总 would mean nothing. The freshness (last batch applied, events
     * pending) is of the moment and of the instance that answered: on the cluster the two reads reach two instances.
     */
    Answer once(String url) throws Exception {
        HttpResponse<byte[]> plain = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", reader.header()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> compressed = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", reader.header()).header("Accept-Encoding", "gzip").GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        byte[] gzip = null;
        if ("gzip".equals(compressed.headers().firstValue("Content-Encoding").orElse(null))) {
            gzip = compressed.body();
            if (!isGzip(gzip) || !withoutFreshness(gunzip(gzip)).equals(withoutFreshness(plain.body()))) {
                throw new IllegalStateException("GET " + url + " with Accept-Encoding: gzip answered bytes that do not"
                        + " decompress to the uncompressed answer");
            }
        }
        return new Answer(plain.statusCode(), plain.body(), gzip, plain.headers().firstValue("ETag").orElse(null));
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    static JsonNode withoutFreshness(byte[] answer) throws IOException {
        JsonNode tree = JSON.readTree(answer);
        if (tree instanceof ObjectNode o) {
            o.remove("freshness");
        }
        return tree;
    }

    static boolean isGzip(byte[] body) {
        return body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b; // RFC 1952 magic
    }

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }

    /**
     * {@code clients} readers for {@code seconds}, each GET with {@code Accept-Encoding: gzip}; with an
     * {@code ifNoneMatch} tag each GET is conditional and 304 is the expected answer, else a 200 in gzip.
     */
    Result run(String url, int clients, int seconds, String ifNoneMatch) throws Exception {
        int expected = ifNoneMatch == null ? 200 : 304;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unexpected = new AtomicInteger();
        AtomicLong bytes = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService readers = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            readers.submit(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                        .header("Accept-Encoding", "gzip").GET();
                if (ifNoneMatch != null) {
                    b.header("If-None-Match", ifNoneMatch);
                }
                while (System.nanoTime() < end) {
                    // the token in hand (refreshed when old), as a client that reads for longer than a token lives
                    HttpRequest request = b.setHeader("Authorization", reader.header()).build();
                    long t = System.nanoTime();
                    HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    latencies.add(System.nanoTime() - t);
                    bytes.addAndGet(r.body().length);
                    boolean gzipped = "gzip".equals(r.headers().firstValue("Content-Encoding").orElse(null))
                            && isGzip(r.body());
                    if (r.statusCode() != expected || (expected == 200 && !gzipped)) {
                        unexpected.incrementAndGet();
                    }
                }
                return null;
            });
        }
        readers.shutdown();
        readers.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new Result(clients, seconds, latencies, unexpected.get(), bytes.get());
    }

    /**
     * The same gzip bytes from memory, with {@code Content-Encoding: gzip}, through the JDK's HTTP server on a
     * loopback port, read the same way.
     */
    Result servedFromMemory(byte[] gzip, int clients, int seconds) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        // Two threads: one per core of the development machine, as the services' event loops have.
        ExecutorService workers = Executors.newFixedThreadPool(2);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, gzip.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(gzip);
            }
        });
        server.start();
        try {
            return run("http://127.0.0.1:" + server.getAddress().getPort() + "/", clients, seconds, null);
        } finally {
            server.stop(0);
            workers.shutdownNow();
        }
    }
}
