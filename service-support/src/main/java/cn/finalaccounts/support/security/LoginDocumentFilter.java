package cn.finalaccounts.support.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.OAuthFlow;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Points the OpenAPI document's OIDC login (and so Swagger UI's "Authorize") at the issuer the service runs with.
 * The document is built with the application, when the issuer is only the build's default; a deployment sets its
 * own (FA_OIDC_ISSUER) at start, and this filter writes that one in once the configuration is known.
 *
 * <p>The login is declared as an OAuth 2 authorization-code flow rather than as {@code openIdConnect}: code generators
 * (openapi-generator's Java okhttp-gson, resttemplate, feign…) know no {@code openIdConnect} scheme and refuse every
 * call that names one ("Authentication undefined: oidc"), while they all give an OAuth 2 scheme a token setter. Its
 * endpoints are the issuer's (Keycloak's paths, or {@code quarkus.oidc.authorization-path} / {@code token-path} when
 * a deployment names others).
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class LoginDocumentFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme oidc = openAPI.getComponents().getSecuritySchemes().get("oidc");
        if (oidc == null) {
            return;
        }
        Config config = ConfigProvider.getConfig();
        String issuer = config.getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "");
        if (oidc.getType() == SecurityScheme.Type.OPENIDCONNECT) {
            oidc.setOpenIdConnectUrl(issuer + "/.well-known/openid-configuration");
        }
        OAuthFlow code = oidc.getFlows() == null ? null : oidc.getFlows().getAuthorizationCode();
        if (code != null) {
            code.setAuthorizationUrl(endpoint(issuer, config.getOptionalValue("quarkus.oidc.authorization-path",
                    String.class).orElse("protocol/openid-connect/auth")));
            code.setTokenUrl(endpoint(issuer, config.getOptionalValue("quarkus.oidc.token-path", String.class)
                    .orElse("protocol/openid-connect/token")));
        }
    }

    private static String endpoint(String issuer, String path) {
        return path.startsWith("http://") || path.startsWith("https://") ? path
                : issuer + "/" + path.replaceAll("^/+", "");
    }
}
