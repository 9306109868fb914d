package cn.finalaccounts.support.security;

import io.quarkus.oidc.runtime.TenantConfigBean;
import io.quarkus.oidc.runtime.TenantConfigContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.logging.Logger;

/**
 * Readiness "identity-provider": DOWN while the service has never reached the identity provider, because then it
 * holds no keys and cannot verify a single token (every API call would fail). Each probe tries again, so the
 * service becomes ready as soon as the provider answers, without a restart. Once the keys are loaded it stays UP
 * through a later outage of the provider: tokens already issued still verify with the cached keys, and taking the
 * service out of rotation would only refuse those too. (Quarkus' own OIDC health check asks the provider on every
 * probe, which would do exactly that; this one reads the tenant's state, an io.quarkus.oidc.runtime class.)
 */
@Readiness
@ApplicationScoped
public class IdentityReadiness implements HealthCheck {
    private static final Logger LOG = Logger.getLogger(IdentityReadiness.class);
    /** How long one probe waits for the provider's discovery document and keys. */
    private static final Duration ATTEMPT = Duration.ofSeconds(3);

    @Inject
    TenantConfigBean tenants;

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @Override
    public HealthCheckResponse call() {
        TenantConfigContext tenant = tenants.getDefaultTenant();
        if (!tenant.ready()) {
            try {
                tenant = tenant.initialize().await().atMost(ATTEMPT);
            } catch (RuntimeException e) {
                LOG.debugf("identity provider %s not reached yet: %s", issuer, e);
            }
        }
        boolean ready = tenant.ready();
        var answer = HealthCheckResponse.named("identity-provider").withData("issuer", issuer);
        return (ready ? answer.up() : answer.down().withData("reason",
                "the identity provider has not been reached yet, so no token can be verified")).build();
    }
}
