package cn.finalaccounts.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import java.util.HashMap;
import java.util.Map;

/**
 * A mock OIDC provider in the test JVM (WireMock with a discovery document and a key set; there is no Docker here
 * for a real Keycloak): the service verifies {@link Person}'s tokens against it exactly as it verifies Keycloak's in
 * production. Declared with {@code @QuarkusTestResource(MockIdentityProvider.class)} like {@link KafkaTestBroker}.
 */
public class MockIdentityProvider implements QuarkusTestResourceLifecycleManager {
    private final OidcWiremockTestResource wiremock = new OidcWiremockTestResource();

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(wiremock.start());
        config.put("quarkus.oidc.auth-server-url", config.get("keycloak.url") + "/realms/quarkus");
        return config;
    }

    /** Hands the WireMock server to a test's field marked {@code @OidcWireMock}, to count the calls it received. */
    @Override
    public void inject(TestInjector testInjector) {
        wiremock.inject(testInjector);
    }

    @Override
    public void stop() {
        wiremock.stop();
    }
}
