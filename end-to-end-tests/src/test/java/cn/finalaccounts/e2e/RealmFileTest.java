package cn.finalaccounts.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deploy/local/keycloak/final-accounts-realm.json without starting Keycloak: Keycloak refuses the whole import, and
 * exits, when one text is longer than its column (a client's 267-character description did that once), and the
 * end-to-end tests rely on the platform client's secret and the demo people as the file has them.
 */
class RealmFileTest {
    private static final Path REALM = Path.of(System.getProperty("platform.root", ".."))
            .resolve("deploy/local/keycloak/final-accounts-realm.json");
    /** Keycloak's columns for names and descriptions of clients and roles (VARCHAR(255)). */
    private static final int COLUMN = 255;

    @Test
    void everyNameAndDescriptionFitsKeycloaksColumns() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        List<String> tooLong = new ArrayList<>();
        for (JsonNode client : realm.path("clients")) {
            check(tooLong, "client " + client.path("clientId").asText(), client, "name", "description");
        }
        for (JsonNode role : realm.path("roles").path("realm")) {
            check(tooLong, "role " + role.path("name").asText(), role, "name", "description");
        }
        check(tooLong, "realm", realm, "displayName");
        assertEquals(List.of(), tooLong);
    }

    @Test
    void thePlatformClientAndTheDemoPeopleAreWhatTheTestsUse() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        JsonNode platform = find(realm.path("clients"), "clientId", "final-accounts-platform");
        assertEquals(Keycloak.PLATFORM_SECRET, platform.path("secret").asText());
        JsonNode cli = find(realm.path("clients"), "clientId", Keycloak.CLI_CLIENT);
        assertTrue(cli.path("publicClient").asBoolean() && cli.path("directAccessGrantsEnabled").asBoolean(),
                "the tests log in with the password grant of " + Keycloak.CLI_CLIENT);
        Map<String, String[]> people = Map.of("ylgs-filler", new String[] {"filler", "HH-RSJ-YLGS"},
                "rsj-reviewer", new String[] {"reviewer", "HH-RSJ"}, "city-admin", new String[] {"admin", "431200"},
                "reader", new String[] {"reader", "431200"});
        for (Map.Entry<String, String[]> p : people.entrySet()) {
            JsonNode user = find(realm.path("users"), "username", p.getKey());
            assertTrue(contains(user.path("realmRoles"), p.getValue()[0]), p.getKey() + " has role " + p.getValue()[0]);
            assertEquals(p.getValue()[1], user.path("attributes").path("org_node").path(0).asText(), p.getKey());
            assertEquals(Keycloak.DEMO_PASSWORD, user.path("credentials").path(0).path("value").asText(), p.getKey());
        }
        // The platform level (issue 20): an operator needs no org_node; the services' own client is one, since a
        // rebuild asks the sources for their snapshot with it; the city's admin is not one.
        JsonNode operator = find(realm.path("users"), "username", "platform-operator");
        assertTrue(contains(operator.path("realmRoles"), "operator"), "platform-operator has role operator");
        assertTrue(operator.path("attributes").path("org_node").isMissingNode(), "platform-operator has no org_node");
        assertEquals(Keycloak.DEMO_PASSWORD, operator.path("credentials").path(0).path("value").asText());
        JsonNode platformAccount = find(realm.path("users"), "username", "service-account-final-accounts-platform");
        assertTrue(contains(platformAccount.path("realmRoles"), "operator"), "the platform client's account operates");
        assertTrue(!contains(platformAccount.path("realmRoles"), "admin"), "the platform client's account is no admin");
        assertTrue(!contains(find(realm.path("users"), "username", "city-admin").path("realmRoles"), "operator"),
                "city-admin is no operator");
    }

    private static void check(List<String> tooLong, String what, JsonNode node, String... fields) {
        for (String f : fields) {
            int length = node.path(f).asText("").length();
            if (length > COLUMN) {
                tooLong.add(what + ": " + f + " has " + length + " characters");
            }
        }
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (Iterator<JsonNode> i = array.elements(); i.hasNext();) {
            JsonNode n = i.next();
            if (value.equals(n.path(field).asText())) {
                return n;
            }
        }
        throw new AssertionError("no " + field + " " + value + " in " + REALM);
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (value.equals(n.asText())) {
                return true;
            }
        }
        return false;
    }
}
