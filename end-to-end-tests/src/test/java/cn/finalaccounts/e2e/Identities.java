package cn.finalaccounts.e2e;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The people a test class creates in Keycloak: each with the realm roles and the org_node its scenario needs, a
 * username unique to this run (reruns and concurrent runs never meet an old user, and nothing depends on what an
 * earlier run left), deleted again when the class is done. Tokens already handed out stay valid until they expire.
 */
final class Identities implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String prefix;
    private final List<String> created = new ArrayList<>();

    /** @param test a short name for the test class, part of every username (to tell whose users they are) */
    Identities(String test) {
        Keycloak.requireRunning();
        // Keycloak keeps usernames lower-case.
        this.prefix = ("e2e-" + test + "-" + Long.toString(System.currentTimeMillis(), 36)
                + Integer.toString(RANDOM.nextInt(36 * 36), 36)).toLowerCase(Locale.ROOT);
    }

    Identity filler(String node) {
        return person("filler", node, "filler");
    }

    Identity reviewer(String node) {
        return person("reviewer", node, "reviewer");
    }

    Identity admin(String node) {
        return person("admin", node, "admin");
    }

    Identity reader(String node) {
        return person("reader", node, "reader");
    }

    /** The platform's operator (运维): the role alone, no org_node (rebuild, consistency, the roots of the tree). */
    Identity operator() {
        return person("operator", null, "operator");
    }

    /**
     * A new user at {@code node} (null: none) with the given realm roles; {@code label} tells two people with the same roles
     * apart. Its first token is checked to say what the services will read from it: the roles and the org_node.
     */
    synchronized Identity person(String label, String node, String... roles) {
        String username = prefix + "-" + label + "-" + (node == null ? "platform" : node.toLowerCase(Locale.ROOT));
        String password = "e2e-" + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
        created.add(Keycloak.createUser(username, password, node, roles));
        Identity who = new Identity(Keycloak.ISSUER, Keycloak.CLI_CLIENT, username, password);
        if (!java.util.Objects.equals(node, who.orgNode()) || !who.roles().containsAll(Set.of(roles))) {
            throw new IllegalStateException("the token of " + username + " says org_node " + who.orgNode()
                    + " and roles " + who.roles() + "; expected " + node + " and " + List.of(roles)
                    + " (is the realm of deploy/local/keycloak imported as it is in the repository?)");
        }
        return who;
    }

    @Override
    public synchronized void close() {
        for (String id : created) {
            Keycloak.deleteUser(id);
        }
        created.clear();
    }
}
