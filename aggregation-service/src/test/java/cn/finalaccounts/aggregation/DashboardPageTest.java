package cn.finalaccounts.aggregation;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
}
