package cn.finalaccounts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;
import java.util.TreeSet;

/**
 * Someone who logs in to Keycloak with a password: their access token, fetched on first use and fetched again a
 * minute before it expires (the realm's tokens live 900 s; a long test outlives one), and what it says of them.
 */
final class Identity {
    /** How long before the token's expiry a new one is fetched: no request leaves with a token about to lapse. */
    private static final Duration MARGIN = Duration.ofSeconds(60);

    private final String realmUrl;
    private final String client;
    private final String username;
    private final String password;
    private String token;
    private JsonNode claims;
    private Instant renewAt = Instant.MIN;

    Identity(String realmUrl, String client, String username, String password) {
        this.realmUrl = realmUrl;
        this.client = client;
        this.username = username;
        this.password = password;
    }

    String username() {
        return username;
    }

    /** A current access token. */
    synchronized String token() {
        if (token == null || !Instant.now().isBefore(renewAt)) {
            JsonNode answer = Keycloak.passwordGrant(realmUrl, client, username, password);
            Instant fetched = Instant.now();
            token = answer.path("access_token").asText();
            long lifetime = answer.path("expires_in").asLong();
            // A short-lived token (the master realm's 60 s) is renewed at half its life instead.
            Duration margin = Duration.ofSeconds(lifetime).compareTo(MARGIN.multipliedBy(2)) < 0
                    ? Duration.ofSeconds(lifetime / 2) : MARGIN;
            renewAt = fetched.plusSeconds(lifetime).minus(margin);
            claims = Keycloak.read(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
                    StandardCharsets.UTF_8));
        }
        return token;
    }

    /** The token's {@code sub}: what the services record as the actor and compare for maker-checker. */
    String subject() {
        return claims().path("sub").asText();
    }

    /** The token's {@code org_node} claim, or null when the token carries none. */
    String orgNode() {
        JsonNode n = claims().path("org_node");
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** The token's realm roles. */
    Set<String> roles() {
        Set<String> out = new TreeSet<>();
        claims().path("realm_access").path("roles").forEach(r -> out.add(r.asText()));
        return out;
    }

    /** A RestAssured request carrying this person's bearer token. */
    RequestSpecification given() {
        return RestAssured.given().auth().oauth2(token());
    }

    private synchronized JsonNode claims() {
        token();
        return claims;
    }

    @Override
    public String toString() {
        return username;
    }
}
