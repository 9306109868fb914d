package cn.finalaccounts.accounts.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
class OrgUnitResourceTest {
    @Inject
    TableCounts counts;

    @Test
    void registersTheDemoTreeAndRepeatingItChangesNothing() {
        SeedFixture.registerTree("T1-431200", "T1-RSJ", "T1-YLGS");
        long events = counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key IN ('T1-431200','T1-RSJ','T1-YLGS')");

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T1-RSJ\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T1-YLGS")
                .then().statusCode(200)
                .body("revision", equalTo(1))
                .body("parent", equalTo("T1-RSJ"))
                .body("unitType", equalTo("参公"));

        assertEquals(3, events);
        assertEquals(events, counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key IN ('T1-431200','T1-RSJ','T1-YLGS')"));
        given().get("/api/v1/units/T1-RSJ").then().statusCode(200)
                .body("name", equalTo("怀化市人力资源和社会保障局"))
                .body("kind", equalTo("department"));
    }

    @Test
    void renamingMakesANewRevisionAndAnEvent() {
        SeedFixture.registerTree("T2-R", "T2-D", "T2-U");

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心（更名）\", \"kind\": \"unit\", \"parent\": \"T2-D\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T2-U")
                .then().statusCode(200).body("revision", equalTo(2));

        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T2-U'"));
    }

    @Test
    void anUnknownParentIsRefusedAndNothingIsStored() {
        Map<String, Long> before = counts.snapshot();

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"某局\", \"kind\": \"department\", \"parent\": \"NO-SUCH-REGION\"}")
                .put("/api/v1/units/T3-D")
                .then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("NO-SUCH-REGION"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void aMoveThatWouldCloseACycleIsRefused() {
        SeedFixture.registerTree("T4-R", "T4-D", "T4-U");
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"下属单位\", \"kind\": \"unit\", \"parent\": \"T4-U\"}")
                .put("/api/v1/units/T4-U2").then().statusCode(201);
        Map<String, Long> before = counts.snapshot();

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T4-U2\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T4-U")
                .then().statusCode(422)
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("cycle"));

        assertEquals(before, counts.snapshot());
        given().get("/api/v1/units/T4-U").then().body("parent", equalTo("T4-D"));
    }

    @Test
    void kindsMustFitTheTree() {
        SeedFixture.registerTree("T5-R", "T5-D", "T5-U");
        Map<String, Long> before = counts.snapshot();

        given().contentType(ContentType.JSON).body("{\"name\": \"某部门\", \"kind\": \"department\", \"parent\": \"T5-U\"}")
                .put("/api/v1/units/T5-X").then().statusCode(422).body("violations.field", contains("parent"));
        given().contentType(ContentType.JSON).body("{\"name\": \"某单位\", \"kind\": \"unit\"}")
                .put("/api/v1/units/T5-Y").then().statusCode(422).body("violations.field", contains("parent"));
        given().contentType(ContentType.JSON).body("{\"name\": \"某单位\", \"kind\": \"bureau\", \"parent\": \"T5-D\", \"unitType\": \"公司\"}")
                .put("/api/v1/units/T5-Z").then().statusCode(422).body("violations.field", contains("kind", "unitType"));
        given().contentType(ContentType.JSON).body("{\"name\": \"怀化市人力资源和社会保障局\", \"kind\": \"unit\", \"parent\": \"T5-R\"}")
                .put("/api/v1/units/T5-D").then().statusCode(422).body("violations.field", contains("kind", "parent"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"kind\": \"region\"}")
                .put("/api/v1/units/bad code!").then().statusCode(422).body("violations.field", contains("code"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void malformedJsonIsAProblemNotAServerError() {
        Map<String, Long> before = counts.snapshot();

        given().contentType(ContentType.JSON).body("{\"name\": \"怀化市\", \"kind\": ")
                .put("/api/v1/units/T6-R")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:final-accounts:problem:malformed-json"))
                .body("violations[0].reason", containsString("malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"name\": [\"怀化市\"], \"kind\": \"region\"}")
                .put("/api/v1/units/T6-R")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("name"));

        assertEquals(before, counts.snapshot());
    }

    @Test
    void removingANodeTakesItOutOfTheTreeAndRegisteringItAgainBringsItBack() {
        SeedFixture.registerTree("T7-R", "T7-D", "T7-U");

        given().delete("/api/v1/units/T7-D").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("1 node(s) under it"));
        given().delete("/api/v1/units/T7-U").then().statusCode(200)
                .body("revision", equalTo(2)).body("removedAt", org.hamcrest.Matchers.notNullValue());
        given().delete("/api/v1/units/T7-U").then().statusCode(200).body("revision", equalTo(2));
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T7-U'"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'T7-U'"
                + " AND payload LIKE '%\"removed\":true%'"));
        given().contentType(ContentType.JSON).body(SeedFixture.report2023("T7-U"))
                .put("/api/v1/units/T7-U/reports/2023").then().statusCode(409)
                .body("detail", containsString("removed"));
        given().contentType(ContentType.JSON).body("{\"name\": \"下属\", \"kind\": \"unit\", \"parent\": \"T7-U\"}")
                .put("/api/v1/units/T7-U2").then().statusCode(422).body("violations[0].reason", containsString("removed"));

        given().contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市养老和工伤保险服务中心\", \"kind\": \"unit\", \"parent\": \"T7-D\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/T7-U").then().statusCode(200)
                .body("revision", equalTo(3)).body("removedAt", org.hamcrest.Matchers.nullValue());
        given().delete("/api/v1/units/T7-NOPE").then().statusCode(404);
    }

    @Test
    void anUnknownNodeIs404() {
        given().get("/api/v1/units/NOPE").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", containsString("NOPE"));
    }
}
