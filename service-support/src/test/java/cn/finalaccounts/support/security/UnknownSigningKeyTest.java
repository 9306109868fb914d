package cn.finalaccounts.support.security;

import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlMatching;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWireMock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A token signed by a key the issuer never published is refused from the keys the service holds: no call to the
 * issuer's introspection endpoint (which an outsider could otherwise make the service call once per request) and no
 * ERROR line in the log (which the outsider could otherwise fill).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class UnknownSigningKeyTest {
    @OidcWireMock
    WireMockServer provider;

    @Test
    void aTokenOfAnUnknownKeyIs401WithoutIntrospectionAndWithoutAnErrorLine() {
        List<LogRecord> errors = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.SEVERE.intValue()) {
                    errors.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(handler);
        try {
            // A valid token first, so the key set is loaded and any later fetch is the unknown key's doing.
            given().auth().oauth2(Person.admin("431200").token()).when().get("/api/v1/admin/consumer").then()
                    .statusCode(200);
            provider.resetRequests();
            String forged = Person.admin("431200").tokenSignedByAnUnknownKey();
            for (int i = 0; i < 5; i++) {
                given().auth().oauth2(forged).when().get("/api/v1/admin/consumer").then().statusCode(401)
                        .contentType("application/problem+json")
                        .body("type", equalTo("urn:final-accounts:problem:unauthenticated"));
            }
            provider.verify(0, postRequestedFor(urlMatching(".*/introspect.*")));
            provider.verify(0, anyRequestedFor(urlMatching(".*/introspect.*")));
            // The key set may be fetched again for a key it does not know, but not once per request.
            assertEquals(true, provider.findAll(anyRequestedFor(urlMatching(".*/certs.*"))).size() <= 1,
                    "key set fetched " + provider.findAll(anyRequestedFor(urlMatching(".*/certs.*"))).size()
                            + " times for 5 requests");
        } finally {
            root.removeHandler(handler);
        }
        assertEquals(List.of(), errors.stream().map(r -> r.getLoggerName() + ": " + r.getMessage()).toList());
    }
}
