package cn.finalaccounts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A benchmark run outlives a token (900 s): the source must ask the issuer again before the token lapses, and not on
 * every request. The issuer here is a token endpoint on a loopback port of this JVM that answers like Keycloak's
 * ({@code access_token}, {@code expires_in}); the clock is the test's.
 */
class BearerTokensTest {
    private HttpServer issuer;
    private final List<String> forms = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int status = 200;
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void startIssuer() throws Exception {
        issuer = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        issuer.createContext("/realms/test/protocol/openid-connect/token", exchange -> {
            forms.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = (status == 200
                    ? "{\"access_token\":\"token-" + issued.incrementAndGet() + "\",\"expires_in\":900,\"token_type\":\"Bearer\"}"
                    : "{\"error\":\"invalid_grant\",\"error_description\":\"Invalid user credentials\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        issuer.start();
    }

    @AfterEach
    void stopIssuer() {
        issuer.stop(0);
    }

    private String issuerUrl() {
        return "http://127.0.0.1:" + issuer.getAddress().getPort() + "/realms/test";
    }

    @Test
    void aPersonsTokenIsKeptAndFetchedAgainAfterTwoThirdsOfItsLifetime() {
        BearerTokens tokens = BearerTokens.person(http, issuerUrl(), "final-accounts-cli", "bench-filler", "p@ss w",
                now::get);

        assertEquals("token-1", tokens.get());
        assertEquals("Bearer token-1", tokens.header());
        now.addAndGet(599_000_000_000L); // 599 s of 900: still the same token, no second request
        assertEquals("token-1", tokens.get());
        assertEquals(1, forms.size());

        now.addAndGet(2_000_000_000L); // 601 s: past two thirds, fetched anew
        assertEquals("token-2", tokens.get());
        assertEquals(2, forms.size());
        assertEquals("grant_type=password&client_id=final-accounts-cli&username=bench-filler&password=p%40ss+w",
                forms.get(0));
        assertEquals("null", authorizations.get(0), "a public client sends no client secret");
    }

    @Test
    void aClientLogsInWithItsSecretByClientCredentials() {
        BearerTokens tokens = BearerTokens.client(http, issuerUrl(), "final-accounts-platform", "s3cret", now::get);

        assertEquals("token-1", tokens.get());
        assertEquals("grant_type=client_credentials", forms.get(0));
        assertEquals("Basic " + Base64.getEncoder().encodeToString(
                "final-accounts-platform:s3cret".getBytes(StandardCharsets.UTF_8)), authorizations.get(0));
    }

    @Test
    void aRefusalStopsWithTheIssuersAnswer() {
        status = 401;
        BearerTokens tokens = BearerTokens.person(http, issuerUrl(), "final-accounts-cli", "nobody", "wrong", now::get);

        IllegalStateException e = assertThrows(IllegalStateException.class, tokens::get);
        assertTrue(e.getMessage().contains("nobody") && e.getMessage().contains("401")
                && e.getMessage().contains("Invalid user credentials"), e.getMessage());
    }
}
