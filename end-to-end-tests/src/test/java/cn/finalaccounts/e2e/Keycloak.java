package cn.finalaccounts.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local Keycloak the end-to-end tests run against, the one deploy/local/platform.sh starts with the realm of
 * deploy/local/keycloak (deploy/local/test.sh starts it before Maven). The services under test verify real tokens
 * of this issuer, so these tests go through the same OIDC path as production, signatures and key rotation included.
 * Its port and its local admin come from the variables platform.sh reads.
 */
final class Keycloak {
    static final String URL = "http://127.0.0.1:" + env("FA_KEYCLOAK_PORT", "8180");
    static final String REALM = "final-accounts";
    /** What the services are told to trust (FA_OIDC_ISSUER); the default of their configuration too. */
    static final String ISSUER = URL + "/realms/" + REALM;
    /** The public client of the realm that allows the password grant (demo and tests only). */
    static final String CLI_CLIENT = "final-accounts-cli";
    /** The services' own identity for a rebuild's calls to each other: the realm file's demo secret. */
    static final String PLATFORM_SECRET = "demo-only-final-accounts-platform-secret";
    /** The password of the realm file's demo people. */
    static final String DEMO_PASSWORD = "demo-password";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    /** The master realm's local admin (platform.sh's FA_KEYCLOAK_ADMIN_USER/PASSWORD), for the admin REST API. */
    private static final Identity ADMIN = new Identity(URL + "/realms/master", "admin-cli",
            env("FA_KEYCLOAK_ADMIN_USER", "admin"), env("FA_KEYCLOAK_ADMIN_PASSWORD", "admin"));

    private Keycloak() {
    }

    /** A person of the realm file (ylgs-filler, rsj-reviewer, city-admin, reader, platform-operator). */
    static Identity demoPerson(String username) {
        return new Identity(ISSUER, CLI_CLIENT, username, DEMO_PASSWORD);
    }

    /** Fails with what to do when nothing answers for the realm: better than 401s from every service. */
    static void requireRunning() {
        HttpResponse<String> r;
        try {
            r = send(HttpRequest.newBuilder(URI.create(ISSUER + "/.well-known/openid-configuration")).GET());
        } catch (UncheckedIOException e) {
            r = null;
        }
        if (r == null || r.statusCode() != 200) {
            throw new IllegalStateException("Keycloak does not answer for " + ISSUER + (r == null ? "" : " (HTTP "
                    + r.statusCode() + ")") + ": the end-to-end tests need it. Run deploy/local/test.sh, which starts"
                    + " it, or deploy/local/platform.sh keycloak-up");
        }
    }

    /**
     * Creates an enabled user of the realm with a password, the realm roles and the org_node attribute (a managed
     * attribute of the realm's user profile, mapped into the token by every client; none when {@code orgNode} is
     * null, as for an operator), and returns its id.
     */
    static String createUser(String username, String password, String orgNode, String... roles) {
        Map<String, Object> user = Map.of("username", username, "enabled", true, "emailVerified", true,
                // The profile requires these of people (VERIFY_PROFILE would otherwise refuse the password grant).
                "firstName", "e2e", "lastName", String.join("-", roles), "email", username + "@example.org",
                "attributes", orgNode == null ? Map.of() : Map.of("org_node", List.of(orgNode)),
                "credentials", List.of(Map.of("type", "password", "value", password, "temporary", false)));
        HttpResponse<String> created = admin("POST", "/users", user);
        expect(created, 201, "create user " + username);
        String location = created.headers().firstValue("Location").orElseThrow();
        String id = location.substring(location.lastIndexOf('/') + 1);
        List<JsonNode> reps = new ArrayList<>();
        for (String role : roles) {
            HttpResponse<String> r = admin("GET", "/roles/" + role, null);
            expect(r, 200, "read realm role " + role);
            reps.add(read(r.body()));
        }
        expect(admin("POST", "/users/" + id + "/role-mappings/realm", reps), 204, "give " + username + " its roles");
        return id;
    }

    static void deleteUser(String id) {
        HttpResponse<String> r = admin("DELETE", "/users/" + id, null);
        if (r.statusCode() != 204 && r.statusCode() != 404) {
            expect(r, 204, "delete user " + id);
        }
    }

    /**
     * Lets the public client send a browser back to {@code origin} after sign-in (a redirect URI under it and the
     * origin for CORS at the token endpoint). The realm file allows the platform's fixed ports only; a test's
     * service listens on a free port of its own. Keycloak does not take a wildcard port, so the test adds its exact
     * origin for its run and {@link #disallowBrowserOrigin} takes it away again.
     */
    static void allowBrowserOrigin(String origin) {
        updateCliClient(origin, true);
    }

    static void disallowBrowserOrigin(String origin) {
        updateCliClient(origin, false);
    }

    private static synchronized void updateCliClient(String origin, boolean allow) {
        HttpResponse<String> found = admin("GET", "/clients?clientId=" + CLI_CLIENT, null);
        expect(found, 200, "find client " + CLI_CLIENT);
        com.fasterxml.jackson.databind.node.ObjectNode client =
                (com.fasterxml.jackson.databind.node.ObjectNode) read(found.body()).get(0);
        edit(client, "redirectUris", origin + "/*", allow);
        edit(client, "webOrigins", origin, allow);
        expect(admin("PUT", "/clients/" + client.get("id").asText(), client), 204,
                (allow ? "allow " : "disallow ") + origin + " on " + CLI_CLIENT);
    }

    private static void edit(com.fasterxml.jackson.databind.node.ObjectNode client, String field, String value,
            boolean add) {
        com.fasterxml.jackson.databind.node.ArrayNode values = client.withArray(field);
        for (int i = values.size() - 1; i >= 0; i--) {
            if (values.get(i).asText().equals(value)) {
                values.remove(i);
            }
        }
        if (add) {
            values.add(value);
        }
    }

    /** The token endpoint's answer to a password grant (access_token, expires_in, ...). */
    static JsonNode passwordGrant(String realmUrl, String client, String username, String password) {
        String form = Map.of("grant_type", "password", "client_id", client, "username", username, "password", password)
                .entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(realmUrl + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        expect(r, 200, "password grant for " + username + " at " + realmUrl);
        return read(r.body());
    }

    static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> admin(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(URL + "/admin/realms/" + REALM + path))
                .header("Authorization", "Bearer " + ADMIN.token());
        if (body == null) {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            try {
                b.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return send(b);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void expect(HttpResponse<String> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new IllegalStateException("Keycloak: " + what + " answered " + r.statusCode() + " (expected "
                    + status + "): " + r.body());
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
