package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.summary.SummaryArithmetic;
import cn.finalaccounts.fiscal.workflow.CountedView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * accounts-service's own account of what every 汇总 counts ({@code GET /api/v1/admin/counted-versions}), a page of
 * units at a time, asked with the platform's client identity (quarkus.oidc-client, as a rebuild's snapshot call).
 */
@ApplicationScoped
public class AccountsSource {
    /** Units per page: a page of 100 units' completed reports is a few megabytes of JSON at most. */
    static final int PAGE = 100;

    /** Thrown when accounts-service cannot be asked: the check answers 503, never a verdict it could not reach. */
    public static class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** One page: the counted versions of its units (cells as a contribution holds them), and where the next starts. */
    public record Page(List<Contribution> versions, List<String> units, String next) {
    }

    @ConfigProperty(name = "fa.sources.accounts", defaultValue = "http://127.0.0.1:8081")
    String accounts;

    @Inject
    OidcClient identity;

    /** A plain mapper, as EventCodec reads a report: the service's own mapper's settings are for its answers. */
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The page of units after {@code after} (null: the first). */
    public Page page(String after) {
        String url = accounts.replaceAll("/+$", "") + "/api/v1/admin/counted-versions?limit=" + PAGE
                + (after == null ? "" : "&after=" + URLEncoder.encode(after, StandardCharsets.UTF_8));
        JsonNode body;
        try {
            String token = identity.getTokens().await().atMost(Duration.ofSeconds(30)).getAccessToken();
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(2))
                    .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new Unavailable(url + " answered " + r.statusCode(), null);
            }
            body = JSON.readTree(r.body());
        } catch (IOException | RuntimeException e) {
            if (e instanceof Unavailable u) {
                throw u;
            }
            throw new Unavailable("could not ask accounts-service (" + url + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted", e);
        }
        List<Contribution> versions = new ArrayList<>();
        List<String> units = new ArrayList<>();
        for (JsonNode v : body.path("versions")) {
            String unit = v.path("unit").asText();
            if (units.isEmpty() || !units.get(units.size() - 1).equals(unit)) {
                units.add(unit);
            }
            ReportBody report = JSON.convertValue(v.path("report"), ReportBody.class);
            CountedView view = CountedView.APPROVED.id().equals(v.path("view").asText()) ? CountedView.APPROVED
                    : CountedView.SUBMITTED;
            versions.add(new Contribution(unit, v.path("year").asInt(), view, v.path("version").asLong(),
                    view.id(), SummaryArithmetic.countedCells(report.toSheet()), null));
        }
        JsonNode next = body.path("next");
        return new Page(versions, units, next.isTextual() ? next.asText() : null);
    }
}
