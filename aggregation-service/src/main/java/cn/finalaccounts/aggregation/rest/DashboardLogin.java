package cn.finalaccounts.aggregation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the dashboard (/dashboard, static) where to sign in: the issuer whose tokens this service verifies and the
 * public client, as this deployment configures them (FA_OIDC_ISSUER), so that the page is not bound to the local
 * Keycloak it was written against. A plain route, not a JAX-RS resource: it is part of the page, not of the API
 * contract, and needs no token.
 */
@ApplicationScoped
public class DashboardLogin {
    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "fa.oidc.ui-client", defaultValue = "final-accounts-cli")
    String client;

    void route(@Observes Router router) throws JsonProcessingException {
        String json = new ObjectMapper().writeValueAsString(Map.of("issuer", issuer.replaceAll("/+$", ""),
                "client", client));
        router.get("/dashboard/login.json").handler(rc -> rc.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(json));
    }
}
