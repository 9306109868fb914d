package cn.finalaccounts.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each service's {@code /q/health/ready} answers while a fault lasts and after it: the answers are tallied by
 * status ({@code 200}, {@code 503}, or {@code none} when nothing answered within 3 s), so a service that keeps
 * saying 200 while its consumer has stopped shows as such.
 */
final class ReadinessProbe {
    private final HttpClient http;
    private final Map<String, String> readyUrls = new LinkedHashMap<>();
    private final Map<String, Map<String, Integer>> tallies = new LinkedHashMap<>();

    ReadinessProbe(HttpClient http, Map<String, String> serviceBaseUrls) {
        this.http = http;
        serviceBaseUrls.forEach((service, base) -> {
            readyUrls.put(service, base + "/q/health/ready");
            tallies.put(service, new TreeMap<>());
        });
    }

    /** One probe of every service, added to the tally. */
    synchronized void probe() {
        readyUrls.forEach((service, url) -> tallies.get(service).merge(status(url), 1, Integer::sum));
    }

    /** One probe of every service, not tallied: "accounts 200, performance 503, …". */
    String once() {
        StringBuilder b = new StringBuilder();
        readyUrls.forEach((service, url) -> b.append(b.length() == 0 ? "" : ", ").append(shortName(service))
                .append(' ').append(status(url)));
        return b.toString();
    }

    /** The tally so far, e.g. "accounts 200×9 none×3; performance 200×12; …". */
    synchronized String tally() {
        StringBuilder b = new StringBuilder();
        tallies.forEach((service, counts) -> {
            b.append(b.length() == 0 ? "" : "; ").append(shortName(service));
            counts.forEach((status, n) -> b.append(' ').append(status).append('×').append(n));
        });
        return b.toString();
    }

    private String status(String url) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).GET().build();
            return Integer.toString(http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "none";
        } catch (Exception e) {
            return "none";
        }
    }

    private static String shortName(String service) {
        return service.replace("-service", "");
    }
}
