package cn.finalaccounts.aggregation.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the dashboard (/dashboard, static) where to sign in, and guards the page in the browser.
 *
 * <p>The issuer whose tokens this service verifies (FA_OIDC_ISSUER), the public client and the redirect URI come
 * from this service's configuration only: the page reads them from {@code /dashboard/login.json} and takes none of
 * them from its address, so a link cannot send the authorization code and the PKCE verifier to a token endpoint of
 * its choosing. A plain route, not a JAX-RS resource: it is part of the page, not of the API contract, and needs no
 * token.
 *
 * <p>Every answer under /dashboard/ carries a Content-Security-Policy that lets the page run its own scripts only and
 * talk to this service and the issuer only, refuses framing (clickjacking), sniffing and referrers (the address may
 * hold an authorization code), and is revalidated on every load: the page's code is not versioned in its path, so
 * it must never be cached as immutable (a fix would otherwise reach browsers a day late).
 */
@ApplicationScoped
public class DashboardLogin {
    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @ConfigProperty(name = "fa.oidc.ui-client", defaultValue = "final-accounts-cli")
    String client;

    /** Where the issuer sends the browser back: a path of this origin, or a full URL behind a proxy that rewrites. */
    @ConfigProperty(name = "fa.dashboard.redirect-uri", defaultValue = "/dashboard/")
    String redirect;

    void route(@Observes Router router) throws JsonProcessingException {
        String trimmedIssuer = issuer.replaceAll("/+$", "");
        String json = new ObjectMapper().writeValueAsString(Map.of("issuer", trimmedIssuer, "client", client,
                "redirect", redirect));
        String policy = contentSecurityPolicy(trimmedIssuer);
        // Before the static handler (order -1), and set when the headers go out, so that they replace its own.
        router.route("/dashboard*").order(-1).handler(rc -> {
            rc.addHeadersEndHandler(v -> guard(rc.response(), policy));
            rc.next();
        });
        router.get("/dashboard/login.json").handler(rc -> rc.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-store")
                .end(json));
    }

    /**
     * Scripts and styles of this origin only (ECharts from the webjar, no inline script), data from this service and
     * the issuer (discovery, token endpoint), images the charts draw, nothing framed, no plug-ins, no base rewrite.
     * The issuer with a trailing slash matches every path under it (Keycloak's endpoints lie under the realm).
     */
    static String contentSecurityPolicy(String issuer) {
        return "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:;"
                + " connect-src 'self' " + issuer + "/; font-src 'self'; base-uri 'none'; form-action 'self';"
                + " object-src 'none'; frame-ancestors 'none'";
    }

    private static void guard(HttpServerResponse response, String policy) {
        response.headers().set("Content-Security-Policy", policy)
                .set("X-Frame-Options", "DENY")
                .set("X-Content-Type-Options", "nosniff")
                .set("Referrer-Policy", "no-referrer");
        if (!"no-store".equals(response.headers().get("Cache-Control"))) {
            // Revalidate every time (the files are a few KiB, and a changed page must reach the browser at once).
            response.headers().set("Cache-Control", "no-cache");
        }
    }
}
