package cn.finalaccounts.bench;

import com.sun.net.httpserver.HttpServer;
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

/**
 * Reads of one URL by a fixed number of closed-loop clients for a fixed time: every client sends its next GET
 * as soon as the previous answer is in. Also the read ceiling: the same answer's bytes served from memory by the
 * JDK's HTTP server in this process, so the platform's read figures stand beside what this machine's loopback
 * HTTP can do with bodies that large.
 */
final class RegionReads {
    /** Reads done, their latencies (ns) and how many answers had an unexpected status. */
    record Result(int clients, double seconds, List<Long> latencies, int unexpected) {
        double perSecond() {
            return latencies.size() / seconds;
        }
    }

    private final HttpClient http;
    /** The reader whose token every GET carries; the ceiling's GETs carry it too, so both sides send the same bytes. */
    private final BearerTokens reader;

    RegionReads(HttpClient http, BearerTokens reader) {
        this.http = http;
        this.reader = reader;
    }

    /** A GET's status, body and ETag: what the reads then ask for. */
    record Answer(int status, byte[] body, String etag) {
    }

    Answer once(String url) throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Authorization", reader.header()).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.body(), r.headers().firstValue("ETag").orElse(null));
    }

    /**
     * {@code clients} readers for {@code seconds}; with an {@code ifNoneMatch} tag each GET is conditional and
     * 304 is the expected answer, else 200.
     */
    Result run(String url, int clients, int seconds, String ifNoneMatch) throws Exception {
        int expected = ifNoneMatch == null ? 200 : 304;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger unexpected = new AtomicInteger();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService readers = Executors.newFixedThreadPool(clients);
        for (int c = 0; c < clients; c++) {
            readers.submit(() -> {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
                if (ifNoneMatch != null) {
                    b.header("If-None-Match", ifNoneMatch);
                }
                while (System.nanoTime() < end) {
                    // the token in hand (refreshed when old), as a client that reads for longer than a token lives
                    HttpRequest request = b.setHeader("Authorization", reader.header()).build();
                    long t = System.nanoTime();
                    int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    latencies.add(System.nanoTime() - t);
                    if (status != expected) {
                        unexpected.incrementAndGet();
                    }
                }
                return null;
            });
        }
        readers.shutdown();
        readers.awaitTermination(seconds + 60L, TimeUnit.SECONDS);
        return new Result(clients, seconds, latencies, unexpected.get());
    }

    /** The same bytes from memory, through the JDK's HTTP server on a loopback port, read the same way. */
    Result servedFromMemory(byte[] body, int clients, int seconds) throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        // Two threads: one per core of the development machine, as the services' event loops have.
        ExecutorService workers = Executors.newFixedThreadPool(2);
        server.setExecutor(workers);
        server.createContext("/", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
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
