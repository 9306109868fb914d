package cn.finalaccounts.testsupport;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A person (or service account) of a test, with the token the identity provider would give them: subject, roles
 * and the org node they belong to, signed with {@link MockIdentityProvider}'s key.
 * <pre>{@code given().auth().oauth2(Person.filler("HH-RSJ-YLGS").token())...}</pre>
 *
 * @param subject  the token's sub: the identity maker-checker compares
 * @param username the preferred username
 * @param orgNode  the org_node claim, or null for a token without one
 * @param roles    realm roles (filler, reviewer, admin, reader, operator, or anything else)
 */
public record Person(String subject, String username, String orgNode, List<String> roles) {
    /** What the mock provider's discovery document names as issuer. */
    public static final String ISSUER = "https://server.example.com";
    public static final String AUDIENCE = "final-accounts-api";

    public static Person filler(String node) {
        return of("filler", node);
    }

    public static Person reviewer(String node) {
        return of("reviewer", node);
    }

    public static Person admin(String node) {
        return of("admin", node);
    }

    public static Person reader(String node) {
        return of("reader", node);
    }

    /** The platform's operator (运维): the role alone, without an org_node (it needs none). */
    public static Person operator() {
        return new Person("operator@platform", "platform-operator", null, List.of("operator"));
    }

    /** A person with one role at a node; the subject is derived from both, so equal calls are the same person. */
    public static Person of(String role, String node) {
        return new Person(role + "@" + node, role + "-" + node, node, List.of(role));
    }

    /** Another person with the same roles and node (a second filler of the same unit, say). */
    public Person named(String name) {
        return new Person(name + "@" + orgNode, name, orgNode, roles);
    }

    /** The same subject with other roles (one person who is both filler and reviewer). */
    public Person withRoles(String... more) {
        return new Person(subject, username, orgNode, List.of(more));
    }

    /** A valid access token for an hour. */
    public String token() {
        return sign(Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600), AUDIENCE);
    }

    /** A token that expired ten minutes ago, otherwise valid. */
    public String expiredToken() {
        return sign(Instant.now().minusSeconds(1800), Instant.now().minusSeconds(600), AUDIENCE);
    }

    /** A valid token issued for another audience (another system's API). */
    public String tokenForAnotherAudience() {
        return sign(Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600), "another-api");
    }

    /**
     * A token that is valid in every claim but signed by a key the provider never published (key id
     * {@code unknown-key}): the service must refuse it from its own key set, without asking the provider.
     */
    public String tokenSignedByAnUnknownKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            PrivateKey key = generator.generateKeyPair().getPrivate();
            return claims(Instant.now().minusSeconds(5), Instant.now().plusSeconds(3600), AUDIENCE).jws()
                    .keyId("unknown-key").sign(key);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String sign(Instant issuedAt, Instant expiresAt, String audience) {
        return claims(issuedAt, expiresAt, audience).jws().keyId("1").sign("privateKey.jwk");
    }

    private JwtClaimsBuilder claims(Instant issuedAt, Instant expiresAt, String audience) {
        var claims = Jwt.claims().issuer(ISSUER).audience(audience).subject(subject).preferredUserName(username)
                .issuedAt(issuedAt).expiresAt(expiresAt).claim("realm_access", Map.of("roles", roles));
        if (orgNode != null) {
            claims.claim("org_node", orgNode);
        }
        return claims;
    }
}
