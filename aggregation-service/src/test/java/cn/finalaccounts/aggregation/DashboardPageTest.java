package cn.finalaccounts.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The dashboard is static content open to anyone (the page signs in itself; its data needs a token), and ECharts
 * 5.3.1 is served from its webjar at the versionless path the page asks for. The browser test in end-to-end-tests
 * drives the page itself.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class DashboardPageTest {
    @Test
    void thePageItsModuleAndEchartsAreServedWithoutAToken() {
        given().get("/dashboard/").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("部门决算看板"))
                .body(containsString("<script src=\"/webjars/echarts/dist/echarts.min.js\"></script>"))
                .body(containsString("<script type=\"module\" src=\"dashboard.js\"></script>"));
        given().get("/dashboard/dashboard.js").then().statusCode(200).contentType(containsString("javascript"))
                .body(containsString("code_challenge_method: 'S256'"));
        given().get("/webjars/echarts/dist/echarts.min.js").then().statusCode(200)
                .contentType(containsString("javascript")).body(containsString("\"5.3.1\""));
        // Where the page signs in: the issuer this service verifies tokens of (here the mock's), not a fixed one.
        given().get("/dashboard/login.json").then().statusCode(200).contentType(startsWith("application/json"))
                .body("issuer", equalTo(ConfigProvider.getConfig()
                        .getValue("quarkus.oidc.auth-server-url", String.class).replaceAll("/+$", "")))
                .body("client", equalTo("final-accounts-cli"));
        // The data stays behind the token.
        given().get("/api/v1/summaries/H-R/2023").then().statusCode(401);
    }

    /**
     * Where the page signs in comes from the service alone: the issuer, the client and the redirect are in
     * login.json, and the page's code reads no issuer, client or redirect from the address bar (a link with
     * ?issuer= once sent the code and the PKCE verifier to a token endpoint of the link's choosing).
     */
    @Test
    void theLoginConfigurationComesFromTheServerOnly() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                .replaceAll("/+$", "");
        given().get("/dashboard/login.json?issuer=http://127.0.0.1:9/evil").then().statusCode(200)
                .body("issuer", equalTo(issuer)).body("client", equalTo("final-accounts-cli"))
                .body("redirect", equalTo("/dashboard/"));
        String js = given().get("/dashboard/dashboard.js").then().statusCode(200).extract().asString();
        for (String param : new String[] {"issuer", "client", "client_id", "redirect", "redirect_uri"}) {
            assertFalse(js.contains("params.get('" + param + "')"), "the page reads ?" + param + "= from the URL");
        }
        assertFalse(js.contains("fa.issuer"), "the page keeps an issuer of its own in sessionStorage");
        String html = given().get("/dashboard/").then().statusCode(200).extract().asString();
        assertFalse(html.contains("fa-issuer"), "the page carries an issuer of its own");
    }

    /** The page and its code carry the browser's protections, and none of them is cached as immutable. */
    @Test
    void thePageSendsItsSecurityHeadersAndIsRevalidated() {
        String issuer = ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class)
                .replaceAll("/+$", "");
        for (String path : new String[] {"/dashboard/", "/dashboard/index.html", "/dashboard/dashboard.js",
                "/dashboard/dashboard.css", "/dashboard/login.json"}) {
            given().get(path).then().statusCode(200)
                    .header("Content-Security-Policy", containsString("default-src 'none'"))
                    .header("Content-Security-Policy", containsString("script-src 'self';"))
                    .header("Content-Security-Policy", containsString("connect-src 'self' " + issuer + "/;"))
                    .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                    .header("X-Frame-Options", equalTo("DENY"))
                    .header("X-Content-Type-Options", equalTo("nosniff"))
                    .header("Referrer-Policy", equalTo("no-referrer"))
                    .header("Cache-Control", not(containsString("immutable")))
                    .header("Cache-Control", anyOf(containsString("no-cache"), containsString("no-store")));
        }
    }

    /** The polling interval is the page's own business, clamped: ?poll=1 must not make it ask every millisecond. */
    @Test
    void thePollingIntervalIsClamped() {
        String js = given().get("/dashboard/dashboard.js").then().statusCode(200).extract().asString();
        assertTrue(js.contains("const POLL_MIN_MS = 5000;"), "no lower bound on the polling interval");
        assertTrue(js.contains("const POLL_MAX_MS = 600000;"), "no upper bound on the polling interval");
    }
}
