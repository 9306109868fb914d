package cn.finalaccounts.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The people a benchmark or the drill acts as, real users of the realm with real tokens: an admin who builds the
 * run's tree and rebuilds (it holds the operator role too: the run's region is a root of the tree, which only an
 * operator registers, and a rebuild is the operator's), a filler who saves and submits every unit's report, a reviewer who returns or approves,
 * a reader who reads the 汇总. A real filler is scoped to one unit; these are scoped to the run's own region (its
 * root node), so one filler may write every unit of the run, as the matrix allows a filler at a region.
 *
 * <p>They are made (or, on a later run, re-pointed at the new region) through Keycloak's admin REST API, logged in
 * as the master realm's local admin ({@code platform.sh}'s {@code FA_KEYCLOAK_ADMIN_USER}/{@code _PASSWORD}, admin /
 * admin by default, demo only). Each run sets a fresh random password, known only to the process. Names are
 * {@code <prefix>-admin}, {@code <prefix>-filler}, … so W1 ({@code bench}) and the drill ({@code drill}) never
 * re-point each other's people.
 */
final class BenchPeople {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The realm's public client that allows the password grant (deploy/local/keycloak/final-accounts-realm.json). */
    static final String PUBLIC_CLIENT = "final-accounts-cli";

    final BearerTokens admin;
    final BearerTokens filler;
    final BearerTokens reviewer;
    final BearerTokens reader;

    private BenchPeople(BearerTokens admin, BearerTokens filler, BearerTokens reviewer, BearerTokens reader) {
        this.admin = admin;
        this.filler = filler;
        this.reviewer = reviewer;
        this.reader = reader;
    }

    /** Where the people come from: the issuer of the services' tokens and the local admin of its server. */
    record Settings(String issuer, String adminUser, String adminPassword) {
        static Settings from(Map<String, String> args) {
            return new Settings(args.getOrDefault("issuer", "http://127.0.0.1:8180/realms/final-accounts"),
                    args.getOrDefault("keycloak-admin-user", "admin"),
                    args.getOrDefault("keycloak-admin-password", "admin"));
        }
    }

    /** Makes or re-points {@code <prefix>-admin, -filler, -reviewer, -reader} at {@code orgNode}; their token sources. */
    static BenchPeople provision(HttpClient http, Settings settings, String prefix, String orgNode) {
        Realm realm = new Realm(http, settings);
        String password = UUID.randomUUID().toString();
        Map<String, List<String>> roles = Map.of("admin", List.of("admin", "operator"), "filler", List.of("filler"),
                "reviewer", List.of("reviewer"), "reader", List.of("reader"));
        roles.forEach((name, held) -> realm.ensureUser(prefix + "-" + name, held, orgNode, password));
        return new BenchPeople(person(http, settings, prefix + "-admin", password),
                person(http, settings, prefix + "-filler", password),
                person(http, settings, prefix + "-reviewer", password),
                person(http, settings, prefix + "-reader", password));
    }

    private static BearerTokens person(HttpClient http, Settings settings, String username, String password) {
        BearerTokens tokens = BearerTokens.person(http, settings.issuer(), PUBLIC_CLIENT, username, password);
        tokens.get(); // a wrong setting shows now, not halfway through the run
        return tokens;
    }

    /** The realm as its admin REST API shows it (Keycloak 26: /admin/realms/{realm}/...). */
    private static final class Realm {
        private final HttpClient http;
        private final String api;
        private final BearerTokens masterAdmin;

        Realm(HttpClient http, Settings settings) {
            this.http = http;
            String issuer = settings.issuer().replaceAll("/+$", "");
            int at = issuer.lastIndexOf("/realms/");
            if (at < 0) {
                throw new IllegalArgumentException("--issuer must be a Keycloak realm URL (…/realms/<name>): " + issuer);
            }
            String server = issuer.substring(0, at);
            this.api = server + "/admin/realms/" + issuer.substring(at + "/realms/".length());
            // admin-cli: the master realm's own client for its local admin; its tokens live 60 s, refreshed as any other
            this.masterAdmin = BearerTokens.person(http, server + "/realms/master", "admin-cli", settings.adminUser(),
                    settings.adminPassword());
        }

        void ensureUser(String username, List<String> roles, String orgNode, String password) {
            Map<String, Object> profile = Map.of("username", username, "enabled", true, "emailVerified", true,
                    "firstName", "基准测试", "lastName", String.join("+", roles), "email", username + "@bench.example.org",
                    "attributes", Map.of("org_node", List.of(orgNode)), "requiredActions", List.of());
            String id = userId(username);
            if (id == null) {
                expect(call("POST", api + "/users", profile), 201, "create user " + username);
                id = userId(username);
            } else {
                expect(call("PUT", api + "/users/" + id, profile), 204, "update user " + username);
            }
            expect(call("PUT", api + "/users/" + id + "/reset-password",
                    Map.of("type", "password", "value", password, "temporary", false)), 204, "set the password of " + username);
            for (String role : roles) {
                HttpResponse<String> roleRep = call("GET", api + "/roles/" + role, null);
                expect(roleRep, 200, "read realm role " + role + " (a realm imported before the role existed lacks it:"
                        + " restart Keycloak with platform.sh so that the realm file is imported again)");
                expect(call("POST", api + "/users/" + id + "/role-mappings/realm", "[" + roleRep.body() + "]"), 204,
                        "give " + username + " the role " + role);
            }
        }

        private String userId(String username) {
            HttpResponse<String> r = call("GET", api + "/users?exact=true&username=" + username, null);
            expect(r, 200, "look up user " + username);
            try {
                JsonNode users = JSON.readTree(r.body());
                return users.isEmpty() ? null : users.get(0).path("id").asText();
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer of " + api + "/users: " + r.body(), e);
            }
        }

        private HttpResponse<String> call(String method, String url, Object body) {
            try {
                String json = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                        .header("Authorization", masterAdmin.header()).header("Content-Type", "application/json")
                        .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(json));
                return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + url + ": no answer (" + e.getMessage() + ")", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + method + " " + url, e);
            }
        }

        private static void expect(HttpResponse<String> r, int status, String what) {
            if (r.statusCode() != status) {
                throw new IllegalStateException("Keycloak refused to " + what + ": " + r.statusCode() + " " + r.body());
            }
        }
    }
}
