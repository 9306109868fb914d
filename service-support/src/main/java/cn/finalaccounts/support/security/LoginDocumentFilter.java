package cn.finalaccounts.support.security;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Points the OpenAPI document's OIDC login (and so Swagger UI's "Authorize") at the issuer the service runs with.
 * The document is built with the application, when the issuer is only the build's default; a deployment sets its
 * own (FA_OIDC_ISSUER) at start, and this filter writes that one in once the configuration is known.
 */
@OpenApiFilter(OpenApiFilter.RunStage.RUNTIME_STARTUP)
public class LoginDocumentFilter implements OASFilter {
    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSecuritySchemes() == null) {
            return;
        }
        SecurityScheme oidc = openAPI.getComponents().getSecuritySchemes().get("oidc");
        if (oidc != null) {
            String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
            oidc.setOpenIdConnectUrl(issuer.replaceAll("/+$", "") + "/.well-known/openid-configuration");
        }
    }
}
