package cn.finalaccounts.support.year;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.year.YearSources;
import cn.finalaccounts.support.problem.SourceUnavailableProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How a service other than accounts-service learns a year opened after it started: a year it does not know is asked
 * of its owner ({@code GET /api/v1/years/{year}} on {@code fa.years.owner}, with the platform's client identity),
 * whose files are then built here as accounts-service built them (docs/years.md). A year the owner does not have is
 * believed absent for a few seconds; an owner that cannot be asked is a 503 (or, in a consumer, a failure to wait
 * out), never "no such year". {@code fa.years.owner=none} (accounts-service itself, and the services' own tests that
 * run without it) installs nothing.
 */
@ApplicationScoped
public class OwnerYears {
    private static final Logger LOG = Logger.getLogger(OwnerYears.class);
    static final long MISS_NANOS = 5_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "fa.years.owner", defaultValue = "none")
    String owner;

    @Inject
    Instance<OidcClient> identity;

    private final Map<Integer, Long> misses = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** How long the owner's list of years is kept before it is asked again. */
    static final long LIST_NANOS = 30_000_000_000L;

    /** When the list was last asked for (0: never). */
    private volatile long listedAt;
    private volatile SortedSet<Integer> listed = new TreeSet<>();

    /**
     * The years the platform keeps: the owner's list (asked at most every 30 s; each year in it learnt here), or,
     * without an owner or while it cannot be asked, the years this process knows.
     */
    public SortedSet<Integer> openYears() {
        SortedSet<Integer> years = new TreeSet<>(FiscalYears.current().available());
        if (!hasOwner()) {
            return years;
        }
        // Asked at most every 30 s, also after a failure: an owner that is down does not hold every request up.
        if (listedAt == 0 || System.nanoTime() - listedAt > LIST_NANOS) {
            listedAt = System.nanoTime();
            try {
                HttpResponse<String> answer = ask("/api/v1/years", Duration.ofSeconds(10));
                if (answer.statusCode() == 200) {
                    SortedSet<Integer> fresh = new TreeSet<>();
                    JSON.readTree(answer.body()).path("years").forEach(y -> fresh.add(y.path("year").asInt()));
                    listed = fresh;
                }
            } catch (IOException | RuntimeException e) {
                LOG.debugf("the owner's list of years could not be read: %s", e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int year : listed) {
            try {
                if (FiscalYears.isValid(year) && FiscalYears.current().year(year).isPresent()) {
                    years.add(year);
                }
            } catch (SourceUnavailableProblem e) {
                // Listed but not learnt yet: shown once it can be.
            }
        }
        return years;
    }

    void onStart(@Observes StartupEvent start) {
        if (hasOwner()) {
            FiscalYears.current().lookUpWith(this::lookUp);
        }
    }

    private boolean hasOwner() {
        return !owner.isBlank() && !owner.equals("none");
    }

    /** A GET of the owner's API with the platform's client identity. */
    private HttpResponse<String> ask(String path, Duration timeout) throws IOException, InterruptedException {
        String token = identity.get().getTokens().await().atMost(Duration.ofSeconds(30)).getAccessToken();
        return http.send(HttpRequest.newBuilder(URI.create(owner.replaceAll("/+$", "") + path)).timeout(timeout)
                .header("Authorization", "Bearer " + token).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    Optional<YearSources> lookUp(int year) {
        Long missed = misses.get(year);
        if (missed != null && System.nanoTime() - missed < MISS_NANOS) {
            return Optional.empty();
        }
        String uri = owner.replaceAll("/+$", "") + "/api/v1/years/" + year;
        HttpResponse<String> answer;
        try {
            answer = ask("/api/v1/years/" + year, Duration.ofSeconds(30));
        } catch (IOException | RuntimeException e) {
            throw new SourceUnavailableProblem("year " + year + " is not known here and accounts-service cannot be"
                    + " asked for it (" + uri + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceUnavailableProblem("interrupted while asking " + uri, e);
        }
        if (answer.statusCode() == 404) {
            misses.put(year, System.nanoTime());
            return Optional.empty();
        }
        if (answer.statusCode() != 200) {
            throw new SourceUnavailableProblem(uri + " answered " + answer.statusCode(), null);
        }
        YearSources sources = sources(year, answer.body());
        misses.remove(year);
        LOG.infof("learnt year %d from accounts-service (files %s)", year, sources.contentDigest());
        return Optional.of(sources);
    }

    /** The owner's answer as files, checked against what was asked and the digest it states. */
    static YearSources sources(int year, String body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root.path("year").asInt() != year || !root.path("files").isObject()) {
                throw new IllegalArgumentException("the answer is not year " + year + " with its files");
            }
            Map<String, byte[]> files = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("files").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> file = it.next();
                if (!file.getValue().isTextual()) {
                    throw new IllegalArgumentException("file " + file.getKey() + " is not text");
                }
                files.put(file.getKey(), file.getValue().asText().getBytes(StandardCharsets.UTF_8));
            }
            YearSources sources = new YearSources(year, files);
            if (!sources.contentDigest().equals(root.path("contentDigest").asText())) {
                throw new IllegalArgumentException("the files' digest " + sources.contentDigest() + " is not the "
                        + root.path("contentDigest").asText() + " stated");
            }
            return sources;
        } catch (IOException | IllegalArgumentException e) {
            throw new SourceUnavailableProblem("accounts-service's year " + year + " does not read: "
                    + e.getMessage(), e);
        }
    }
}
