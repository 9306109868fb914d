package cn.finalaccounts.support.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gate every service shares, on the admin endpoints this small application has: who is let in (a verified
 * token), who may do what (Permission) and where (OrgScope on the tree 431200 → HH-RSJ → HH-RSJ-YLGS, HH-JYJ).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AccessTest {
    @Inject
    OrgScope scope;

    @Inject
    AuditTrail trail;

    @Inject
    AgroalDataSource dataSource;

    @Test
    void withoutATokenTheApiAnswers401ProblemJsonWhileHealthAndTheOpenApiDocumentStayOpen() {
        given().when().get("/api/v1/admin/consumer").then().statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer")
                .body("type", equalTo("urn:final-accounts:problem:unauthenticated"));
        given().when().post("/api/v1/admin/rebuild").then().statusCode(401)
                .contentType("application/problem+json");
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("components.securitySchemes.oidc.type", equalTo("oauth2"));
    }

    @Test
    void anExpiredTokenOrOneForAnotherAudienceOrAGarbledOneIs401() {
        Person admin = Person.admin("431200");
        for (String token : List.of(admin.expiredToken(), admin.tokenForAnotherAudience(), "not-a-jwt",
                admin.token().substring(0, admin.token().length() - 4) + "AAAA")) {
            given().auth().oauth2(token).when().post("/api/v1/admin/rebuild").then().statusCode(401)
                    .contentType("application/problem+json")
                    .header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
    }

    @Test
    void aStatusReadNeedsAnyPlatformRoleButNoParticularNode() {
        given().auth().oauth2(Person.reader("HH-RSJ-YLGS").token()).when().get("/api/v1/admin/consumer").then()
                .statusCode(200);
        given().auth().oauth2(new Person("someone", "someone", "431200", List.of("offline_access")).token()).when()
                .get("/api/v1/admin/consumer").then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("SEE_STATUS needs role filler or reviewer or admin or reader"));
    }

    @Test
    void operatingTheServiceNeedsTheOperatorRoleNotAPlaceInTheTreeAndARefusalIsOnTheAuditTrail() {
        // Issue 20: an admin at a root used to operate the whole service; a root is no longer a rank.
        Person rootAdmin = Person.admin("431200");
        given().auth().oauth2(rootAdmin.token()).when().post("/api/v1/admin/rebuild").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("OPERATE needs role operator; admin-431200 has admin"));
        Person departmentAdmin = Person.admin("HH-RSJ");
        given().auth().oauth2(departmentAdmin.token()).when().post("/api/v1/admin/rebuild").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("OPERATE needs role operator; admin-HH-RSJ has admin"));
        given().auth().oauth2(Person.reviewer("431200").token()).when().post("/api/v1/admin/rebuild").then()
                .statusCode(403).body("detail", containsString("OPERATE needs role operator; reviewer-431200 has reviewer"));

        List<AuditEntry> refused = trail.find("admin/rebuild", 0, 100).stream()
                .filter(e -> e.subject().equals(departmentAdmin.subject())).toList();
        assertEquals(1, refused.size());
        assertEquals("refused", refused.get(0).outcome());
        assertEquals("OPERATE", refused.get(0).action());
        assertEquals("HH-RSJ", refused.get(0).callerNode());
        assertEquals("POST", refused.get(0).method());
        // The operator reads the service-wide lines; an admin, even at the root, does not.
        given().auth().oauth2(Person.operator().token()).when().get("/api/v1/audit?resource=admin/rebuild").then()
                .statusCode(200).body("entries.size()", org.hamcrest.Matchers.greaterThanOrEqualTo(3));
        given().auth().oauth2(rootAdmin.token()).when().get("/api/v1/audit?resource=admin/rebuild").then()
                .statusCode(200).body("entries.size()", equalTo(0));
    }

    /** Regression (issue 20): a refusal sent percent-encoded was stored under the raw path, hidden from its query. */
    @Test
    void aRefusalSentPercentEncodedIsOnTheTrailUnderItsDecodedResource() {
        Person departmentAdmin = new Person("encoded-admin", "encoded-admin", "HH-JYJ", List.of("admin"));
        given().urlEncodingEnabled(false).auth().oauth2(departmentAdmin.token()).when()
                .post("/api/v1/%61dmin/%72ebuild").then().statusCode(403).contentType("application/problem+json");

        List<AuditEntry> refused = trail.find("admin/rebuild", 0, 500).stream()
                .filter(e -> e.subject().equals(departmentAdmin.subject())).toList();
        assertEquals(1, refused.size());
        assertEquals("admin/rebuild", refused.get(0).resource());
        assertEquals("refused", refused.get(0).outcome());
        // The path column keeps what was sent.
        assertEquals("/api/v1/%61dmin/%72ebuild", refused.get(0).path());
        // Service-wide lines are the operator's to read.
        given().auth().oauth2(Person.operator().token()).queryParam("resource", "admin/rebuild").when()
                .get("/api/v1/audit").then().statusCode(200)
                .body("entries.findAll { it.subject == '" + departmentAdmin.subject() + "' }.size()", equalTo(1));
    }

    @Test
    void theAuditQueryTakesOneSpellingOfAResource() {
        for (String resource : List.of("admin/rebuild ", "admin/%72ebuild", "admin//rebuild", "admin/rebuild\u200B",
                "ａdmin/rebuild", "admin/rebuild/")) {
            given().auth().oauth2(Person.admin("431200").token()).queryParam("resource", resource).when()
                    .get("/api/v1/audit").then().statusCode(422).contentType("application/problem+json")
                    .body("violations.field", contains("resource"))
                    .body("violations[0].reason", containsString("is not a canonical spelling"));
        }
        given().auth().oauth2(Person.admin("431200").token()).queryParam("resource", "admin/rebuild ").when()
                .get("/api/v1/audit").then().statusCode(422)
                .body("violations[0].reason", containsString("did you mean 'admin/rebuild'?"));
    }

    @Test
    void theScopeIsTheCallersNodeAndEverythingUnderItAndNothingItDoesNotKnow() {
        assertTrue(scope.covers("431200", "HH-RSJ-YLGS"));
        assertTrue(scope.covers("HH-RSJ", "HH-RSJ-YLGS"));
        assertTrue(scope.covers("HH-RSJ-YLGS", "HH-RSJ-YLGS"));
        assertFalse(scope.covers("HH-RSJ-YLGS", "HH-RSJ"));
        assertFalse(scope.covers("HH-JYJ", "HH-RSJ-YLGS"));
        assertFalse(scope.covers("431200", "NOWHERE"));
        assertFalse(scope.covers(null, "HH-RSJ"));
        assertEquals(List.of("HH-RSJ-YLGS", "HH-RSJ", "431200"), scope.ancestry("HH-RSJ-YLGS"));
        assertTrue(scope.isRoot("431200"));
        assertFalse(scope.isRoot("HH-RSJ"));
    }

    @Test
    void theAuditTrailOnlyEverGrows() throws Exception {
        given().auth().oauth2(Person.admin("HH-JYJ").token()).when().post("/api/v1/admin/rebuild").then()
                .statusCode(403);
        // The service's own connections may not change a line (its user lacks the right; the owner of the schema
        // is stopped by the triggers: AuditTrailStorageTest).
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            SQLException update = assertThrows(SQLException.class,
                    () -> st.executeUpdate("UPDATE audit_entry SET subject = 'someone-else'"));
            assertTrue(update.getMessage().contains("denied"), update.getMessage());
            SQLException delete = assertThrows(SQLException.class, () -> st.executeUpdate("DELETE FROM audit_entry"));
            assertTrue(delete.getMessage().contains("denied"), delete.getMessage());
        }
        assertFalse(trail.find("admin/rebuild", 0, 100).isEmpty());
    }

    @Test
    void docsSecurityMdCarriesTheMatrixAsThePlatformEnforcesIt() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "security.md"));
        assertTrue(doc.contains(Permission.table()), "docs/security.md must contain Permission.table():\n"
                + Permission.table());
    }
}
