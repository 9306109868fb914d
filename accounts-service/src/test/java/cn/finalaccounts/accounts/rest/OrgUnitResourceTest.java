package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class OrgUnitResourceTest {
    @Inject
    TableCounts counts;

    @Test
    void registersTheDemoTreeAndRepeatingItChangesNothing() {
        SeedFixture.registerTree("T1-431200", "T1-RSJ", "T1-YLGS");
        long events = counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key IN ('T1-431200','T1-RSJ','T1-YLGS')");

        as(Person.admin("T1-RSJ")).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T1-RSJ\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T1-YLGS")
                .then().statusCode(200)
                .body("revision", equalTo(1))
                .body("parent", equalTo("T1-RSJ"))
                .body("unitType", equalTo("参公"));

        assertEquals(3, events);
        assertEquals(events, counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key IN ('T1-431200','T1-RSJ','T1-YLGS')"));
        as(Person.reader("T1-431200")).get("/api/v1/units/T1-RSJ").then().statusCode(200)
                .body("name", equalTo("怀化市人力资源和社会保障局"))
                .body("kind", equalTo("department"));
    }

    @Test
    void renamingMakesANewRevisionAndAnEvent() {
        SeedFixture.registerTree("T2-R", "T2-D", "T2-U");

        as(Person.admin("T2-U")).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心（更名）\", \"kind\": \"unit\", \"parent\": \"T2-D\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T2-U")
                .then().statusCode(200).body("revision", equalTo(2));

        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T2-U'"));
    }

    @Test
    void anUnknownParentIsInNobodysScopeAndARemovedOneIsRefusedNamingTheField() {
        SeedFixture.registerTree("T3-R", "T3-D", "T3-U");
        Person admin = Person.admin("T3-R");
        as(admin).delete("/api/v1/units/T3-U").then().statusCode(200);
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"某局\", \"kind\": \"department\", \"parent\": \"NO-SUCH-REGION\"}")
                .put("/api/v1/units/T3-D2")
                .then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("NO-SUCH-REGION is not within T3-R"));
        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"下属\", \"kind\": \"unit\", \"parent\": \"T3-U\"}")
                .put("/api/v1/units/T3-U2")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("T3-U was removed"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void aMoveThatWouldCloseACycleIsRefused() {
        SeedFixture.registerTree("T4-R", "T4-D", "T4-U");
        Person admin = Person.admin("T4-D");
        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"下属单位\", \"kind\": \"unit\", \"parent\": \"T4-U\"}")
                .put("/api/v1/units/T4-U2").then().statusCode(201);
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T4-U2\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T4-U")
                .then().statusCode(422)
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("cycle"));

        assertEquals(before, counts.snapshot());
        as(admin).get("/api/v1/units/T4-U").then().body("parent", equalTo("T4-D"));
    }

    @Test
    void kindsMustFitTheTree() {
        SeedFixture.registerTree("T5-R", "T5-D", "T5-U");
        Person admin = Person.admin("T5-R");
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON).body("{\"name\": \"某部门\", \"kind\": \"department\", \"parent\": \"T5-U\"}")
                .put("/api/v1/units/T5-X").then().statusCode(422).body("violations.field", contains("parent"));
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"某单位\", \"kind\": \"unit\"}")
                .put("/api/v1/units/T5-Y").then().statusCode(422).body("violations.field", contains("parent"));
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"某单位\", \"kind\": \"bureau\", \"parent\": \"T5-D\", \"unitType\": \"公司\"}")
                .put("/api/v1/units/T5-Z").then().statusCode(422).body("violations.field", contains("kind", "unitType"));
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"unit\", \"parent\": \"T5-R\"}")
                .put("/api/v1/units/T5-D").then().statusCode(422).body("violations.field", contains("kind", "parent"));
        // (a new root: only the platform's operator may try)
        as(Person.operator()).contentType(ContentType.JSON).body("{\"name\": \"x\", \"kind\": \"region\"}")
                .put("/api/v1/units/bad code!").then().statusCode(422).body("violations.field", contains("code"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        Person admin = Person.admin("T6-R");
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON).body("{\"name\": \"怀化市\", \"kind\": ")
                .put("/api/v1/units/T6-R")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:final-accounts:problem:malformed-json"))
                .body("violations[0].reason", containsString("malformed JSON"));
        as(admin).contentType(ContentType.JSON).body("{\"name\": [\"怀化市\"], \"kind\": \"region\"}")
                .put("/api/v1/units/T6-R")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("name"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void removingANodeTakesItOutOfTheTreeAndRegisteringItAgainBringsItBack() {
        SeedFixture.registerTree("T7-R", "T7-D", "T7-U");
        Person admin = Person.admin("T7-D");

        as(Person.admin("T7-R")).delete("/api/v1/units/T7-D").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("1 node(s) under it"));
        as(admin).delete("/api/v1/units/T7-U").then().statusCode(200)
                .body("revision", equalTo(2)).body("removedAt", org.hamcrest.Matchers.notNullValue());
        as(admin).delete("/api/v1/units/T7-U").then().statusCode(200).body("revision", equalTo(2));
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T7-U'"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T7-U'"
                + " AND payload LIKE '%\"removed\":true%'"));
        as(Person.filler("T7-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("T7-U"))
                .put("/api/v1/units/T7-U/reports/2023").then().statusCode(409)
                .body("detail", containsString("removed"));
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"下属\", \"kind\": \"unit\", \"parent\": \"T7-U\"}")
                .put("/api/v1/units/T7-U2").then().statusCode(422).body("violations[0].reason", containsString("removed"));

        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T7-D\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T7-U").then().statusCode(200)
                .body("revision", equalTo(3)).body("removedAt", org.hamcrest.Matchers.nullValue());
        // A code the tree does not hold is in nobody's scope: 403, not 404.
        as(admin).delete("/api/v1/units/T7-NOPE").then().statusCode(403);
    }

    @Test
    void anUnknownNodeIsInNobodysScope() {
        as(Person.reader("T1-431200")).get("/api/v1/units/NOPE").then().statusCode(403)
                .contentType("application/problem+json")
                .body("detail", containsString("NOPE"));
    }
}
