package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
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

/**
 * The tree by year: a change names the first year it holds for ({@code fromYear}); the years before keep their tree,
 * so a unit moved in 2024 stays in its 2023 department's 2023 汇总 and a unit closed from 2024 still files its 2023
 * 决算. The node's events carry its whole history.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TreeByYearResourceTest {
    private static final String UNIT = "{\"name\": \"%s\", \"kind\": \"unit\", \"parent\": \"%s\", \"unitType\": \"参公\"%s}";

    @Inject
    TableCounts counts;

    @Test
    void aMoveFrom2024KeepsTheUnitUnderItsOldDepartmentIn2023() {
        SeedFixture.registerTree("TY1-R", "TY1-D1", "TY1-U");
        Person admin = Person.admin("TY1-R");
        department(admin, "TY1-D2", "TY1-R", "");

        as(admin).contentType(ContentType.JSON).body(unit("怀化市养老和工伤保险服务中心（划转）", "TY1-D2", 2024))
                .put("/api/v1/units/TY1-U").then().statusCode(200)
                .body("revision", equalTo(2))
                .body("parent", equalTo("TY1-D2"))
                .body("history", hasSize(2))
                .body("history[0].fromYear", nullValue())
                .body("history[0].parent", equalTo("TY1-D1"))
                .body("history[0].name", equalTo("怀化市养老和工伤保险服务中心"))
                .body("history[1].fromYear", equalTo(2024))
                .body("history[1].parent", equalTo("TY1-D2"))
                .body("history[1].name", equalTo("怀化市养老和工伤保险服务中心（划转）"));

        assertEquals(1, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'TY1-U'"
                + " AND payload LIKE '%\"history\":[{\"fromYear\":0,%\"parentCode\":\"TY1-D1\"%{\"fromYear\":2024,%'"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'node.put'"
                + " AND resource = 'units/TY1-U' AND detail LIKE '%parent TY1-D1 → TY1-D2, from 2024'"));
        // The same move again, and the current standing sent without a year: nothing changes, nothing is published.
        as(admin).contentType(ContentType.JSON).body(unit("怀化市养老和工伤保险服务中心（划转）", "TY1-D2", 2024))
                .put("/api/v1/units/TY1-U").then().statusCode(200).body("revision", equalTo(2));
        as(admin).contentType(ContentType.JSON).body(unit("怀化市养老和工伤保险服务中心（划转）", "TY1-D2", null))
                .put("/api/v1/units/TY1-U").then().statusCode(200).body("revision", equalTo(2)).body("history", hasSize(2));
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'TY1-U'"));
    }

    @Test
    void aUnitClosedFrom2024StillFilesIts2023AccountsAndItsOldDepartmentCanThenClose() {
        SeedFixture.registerTree("TY2-R", "TY2-D", "TY2-U");
        Person admin = Person.admin("TY2-R");

        as(admin).delete("/api/v1/units/TY2-D?fromYear=2024").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("1 node(s) under it (TY2-U in 2024)"));
        as(admin).delete("/api/v1/units/TY2-U?fromYear=2024").then().statusCode(200)
                .body("revision", equalTo(2))
                .body("removedAt", notNullValue())
                .body("history.fromYear", contains(null, 2024))
                .body("history.removed", contains(false, true));
        as(Person.filler("TY2-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("TY2-U"))
                .put("/api/v1/units/TY2-U/reports/2023").then().statusCode(201);
        as(admin).delete("/api/v1/units/TY2-D?fromYear=2024").then().statusCode(200)
                .body("history.removed", contains(false, true));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'node.remove'"
                + " AND resource = 'units/TY2-D' AND detail LIKE '%removed from 2024'"));
    }

    @Test
    void aUnitThatJoinsIn2024FilesFrom2024OnAndHangsOnlyUnderANodeOfThoseYears() {
        SeedFixture.registerTree("TY3-R", "TY3-D", "TY3-U");
        Person admin = Person.admin("TY3-R");
        department(admin, "TY3-D2", "TY3-R", ", \"fromYear\": 2024");
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON).body(unit("新单位", "TY3-D2", null))
                .put("/api/v1/units/TY3-N").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("TY3-D2 is not in the tree in the earliest years"))
                .body("violations[0].reason", containsString("name a fromYear from 2024 on"));
        assertEquals(before, counts.snapshot());

        as(admin).contentType(ContentType.JSON).body(unit("新单位", "TY3-D2", 2024))
                .put("/api/v1/units/TY3-N").then().statusCode(201).body("history.fromYear", contains(2024));
        as(Person.filler("TY3-N")).contentType(ContentType.JSON).body(SeedFixture.report2023("TY3-N"))
                .put("/api/v1/units/TY3-N/reports/2023").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("TY3-N is not in the tree of 2023 (its first year is 2024)"));
    }

    @Test
    void aYearThatIsNoYearIsRefusedNamingTheFieldAndNothingIsWritten() {
        SeedFixture.registerTree("TY4-R", "TY4-D", "TY4-U");
        Person admin = Person.admin("TY4-R");
        Map<String, Long> before = counts.snapshot();

        as(admin).contentType(ContentType.JSON).body(unit("甲", "TY4-D", 1800))
                .put("/api/v1/units/TY4-U").then().statusCode(422)
                .body("violations.field", contains("fromYear"))
                .body("violations[0].reason", containsString("from 1950 to 2999"));
        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"甲\", \"kind\": \"unit\", \"parent\": \"TY4-D\", \"fromYear\": \"二〇二四\"}")
                .put("/api/v1/units/TY4-U").then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("fromYear"));
        as(admin).delete("/api/v1/units/TY4-U?fromYear=24").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", contains("fromYear"));
        as(admin).delete("/api/v1/units/TY4-U?fromYear=3000").then().statusCode(422)
                .body("violations.field", contains("fromYear"));

        assertEquals(before, counts.snapshot());
    }

    private static void department(Person admin, String code, String parent, String more) {
        as(admin).contentType(ContentType.JSON)
                .body("{\"name\": \"怀化市财政局\", \"kind\": \"department\", \"parent\": \"" + parent + "\"" + more + "}")
                .put("/api/v1/units/" + code).then().statusCode(201);
    }

    private static String unit(String name, String parent, Integer fromYear) {
        return String.format(UNIT, name, parent, fromYear == null ? "" : ", \"fromYear\": " + fromYear);
    }
}
