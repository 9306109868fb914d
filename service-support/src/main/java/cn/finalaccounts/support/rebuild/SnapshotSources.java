package cn.finalaccounts.support.rebuild;

import io.quarkus.arc.properties.IfBuildProperty;
import cn.finalaccounts.support.fault.OutageGuard;
import io.smallrye.faulttolerance.api.Guard;
import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The services this one's events come from ({@code fa.rebuild.sources}, base URLs), asked to re-publish their state
 * at the start of a rebuild: the topics are not the source of truth, the services' databases are. {@code none}
 * (or nothing) rebuilds from the topics alone.
 */
@ApplicationScoped
@IfBuildProperty(name = "fa.consumer.enabled", stringValue = "true")
public class SnapshotSources {
    private static final Logger LOG = Logger.getLogger(SnapshotSources.class);

    @ConfigProperty(name = "fa.rebuild.sources")
    Optional<List<String>> sources;

    /** How long one source may take to write and publish its snapshot. */
    @ConfigProperty(name = "fa.rebuild.snapshot-timeout", defaultValue = "PT15M")
    Duration snapshotTimeout;

    /** The platform's client-credentials identity (quarkus.oidc-client.*): the sources' snapshot needs operator. */
    @Inject
    OidcClient identity;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    public List<String> urls() {
        return sources.orElse(List.of()).stream().filter(s -> !s.isBlank() && !s.equals("none")).toList();
    }

    /**
     * Asks every source for its snapshot and returns when each answered that its snapshot is on Kafka; a source
     * that is down or fails is asked again with backoff until it answers.
     */
    public void snapshotAll(Consumer<String> onFailure) {
        // At most 5 s between tries, as the relay and the loops: a rebuild waits no longer than that after an outage
        // ends (with 30 s, the cluster drill's rebuild waited 54 s for a source after the database's failover).
        Guard untilAnswered = OutageGuard.create("snapshot-sources", Duration.ofSeconds(1), Duration.ofSeconds(5),
                () -> !Thread.currentThread().isInterrupted(), e -> onFailure.accept(e.getMessage()));
        for (String url : urls()) {
            untilAnswered.get(() -> snapshot(url), String.class);
        }
    }

    private String snapshot(String base) {
        URI uri = URI.create(base.replaceAll("/+$", "") + "/api/v1/admin/snapshot");
        try {
            String token = identity.getTokens().await().atMost(Duration.ofSeconds(30)).getAccessToken();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(snapshotTimeout)
                    .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
            }
            LOG.infof("snapshot of %s published: %s", base, r.body());
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException("could not ask " + uri + " for a snapshot: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
