package cn.finalaccounts.support.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A service that has never reached its identity provider says so in readiness and answers 503, not 500. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@TestProfile(IdentityProviderAwayTest.NoProvider.class)
class IdentityProviderAwayTest {
    public static class NoProvider implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // Port 9 (discard) on the loopback: nothing answers there.
            return Map.of("quarkus.oidc.auth-server-url", "http://127.0.0.1:9/realms/final-accounts");
        }
    }

    @Test
    void readinessIsDownWhileNoTokenCanBeVerified() {
        given().when().get("/q/health/ready").then().statusCode(503)
                .body("checks.find { it.name == 'identity-provider' }.status", equalTo("DOWN"));
    }

    @Test
    void aCallWithATokenIsA503WithRetryAfterAndAProblem() {
        given().auth().oauth2(Person.admin("431200").token()).when().get("/api/v1/admin/consumer").then()
                .statusCode(503).header("Retry-After", "5").contentType("application/problem+json")
                .body("type", equalTo("urn:final-accounts:problem:service-unavailable"));
    }

    @Test
    void theOpenApiDocumentOffersTheLoginOfTheIssuerTheServiceRunsWith() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.oidc.flows.authorizationCode.authorizationUrl",
                        equalTo("http://127.0.0.1:9/realms/final-accounts/protocol/openid-connect/auth"))
                .body("components.securitySchemes.oidc.flows.authorizationCode.tokenUrl",
                        equalTo("http://127.0.0.1:9/realms/final-accounts/protocol/openid-connect/token"));
    }

    @Test
    void aCallWithoutATokenIsStillA401() {
        given().when().get("/api/v1/admin/consumer").then().statusCode(401)
                .body("status", equalTo(401));
    }
}
