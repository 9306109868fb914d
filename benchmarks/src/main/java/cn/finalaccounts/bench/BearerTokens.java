package cn.finalaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * An access token of one identity from the OIDC issuer (the local Keycloak), kept and fetched again before it
 * expires: the realm's tokens live 900 s and a W1 or drill run lasts longer, so every request asks {@link #get()}
 * instead of holding a token. Either a person (password grant on the public client {@code final-accounts-cli}) or a
 * client of its own (client credentials: {@code final-accounts-services}, {@code final-accounts-platform}).
 *
 * <p>Thread-safe and cheap on the hot path: the token in hand is read without a lock; one thread refreshes it.
 */
final class BearerTokens {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Fetch anew once this share of the token's lifetime has passed: a request never leaves with one about to lapse. */
    private static final double REFRESH_AT = 2.0 / 3.0;

    private record Held(String token, long refreshAtNanos) {
    }

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final Map<String, String> form;
    private final String basicAuth;
    private final String who;
    private final LongSupplier clock;
    private volatile Held held;

    private BearerTokens(HttpClient http, String issuer, Map<String, String> form, String basicAuth, String who,
            LongSupplier clock) {
        this.http = http;
        this.tokenEndpoint = URI.create(issuer.replaceAll("/+$", "") + "/protocol/openid-connect/token");
        this.form = form;
        this.basicAuth = basicAuth;
        this.who = who;
        this.clock = clock;
    }

    /** A person: the password grant on a public client (locally {@code final-accounts-cli}). */
    static BearerTokens person(HttpClient http, String issuer, String client, String username, String password) {
        return person(http, issuer, client, username, password, System::nanoTime);
    }

    static BearerTokens person(HttpClient http, String issuer, String client, String username, String password,
            LongSupplier clock) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", client);
        form.put("username", username);
        form.put("password", password);
        return new BearerTokens(http, issuer, form, null, username, clock);
    }

    /** A confidential client's own identity (its service account): the client credentials grant. */
    static BearerTokens client(HttpClient http, String issuer, String client, String secret) {
        return client(http, issuer, client, secret, System::nanoTime);
    }

    static BearerTokens client(HttpClient http, String issuer, String client, String secret, LongSupplier clock) {
        String basic = java.util.Base64.getEncoder()
                .encodeToString((urlEncode(client) + ":" + urlEncode(secret)).getBytes(StandardCharsets.UTF_8));
        return new BearerTokens(http, issuer, Map.of("grant_type", "client_credentials"), basic, client, clock);
    }

    /** The value of an Authorization header: {@code Bearer <token>}, a fresh token when the one in hand is old. */
    String header() {
        return "Bearer " + get();
    }

    /** The current access token, fetched when there is none yet or two thirds of its lifetime have passed. */
    String get() {
        Held h = held;
        if (h != null && clock.getAsLong() < h.refreshAtNanos()) {
            return h.token();
        }
        synchronized (this) {
            h = held;
            if (h == null || clock.getAsLong() >= h.refreshAtNanos()) {
                held = h = fetch();
            }
            return h.token();
        }
    }

    /** The identity's name as the benchmark prints it. */
    String who() {
        return who;
    }

    private Held fetch() {
        String body = form.entrySet().stream().map(e -> urlEncode(e.getKey()) + "=" + urlEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(tokenEndpoint).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (basicAuth != null) {
            b.header("Authorization", "Basic " + basicAuth);
        }
        long asked = clock.getAsLong();
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("no token for " + who + ": " + tokenEndpoint + " answered "
                        + r.statusCode() + " " + r.body());
            }
            return held(JSON.readTree(r.body()), asked);
        } catch (IOException e) {
            throw new IllegalStateException("no token for " + who + ": " + tokenEndpoint + " does not answer ("
                    + e.getMessage() + "); is Keycloak running (deploy/local/platform.sh keycloak-up)?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching a token for " + who, e);
        }
    }

    /** The token and when to fetch the next, counted from when it was asked for (the issuer counts from then too). */
    static Held held(JsonNode answer, long askedNanos) {
        String token = answer.path("access_token").asText("");
        long lifetimeSeconds = answer.path("expires_in").asLong(0);
        if (token.isEmpty() || lifetimeSeconds <= 0) {
            throw new IllegalStateException("the issuer's answer has no access_token or expires_in: " + answer);
        }
        return new Held(token, askedNanos + (long) (lifetimeSeconds * REFRESH_AT * 1e9));
    }

    private static String urlEncode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
