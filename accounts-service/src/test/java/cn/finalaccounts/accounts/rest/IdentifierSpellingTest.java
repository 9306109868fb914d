package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.support.identity.PathIdentifiers;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.OpenApiContract;
import cn.finalaccounts.testsupport.Person;
import cn.finalaccounts.testsupport.SecondSpellings;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 20: identifiers had more than one spelling. A unit code with a trailing space was a second unit (the
 * database's PAD SPACE collation found the real one, Java and the events did not), and a refusal sent
 * percent-encoded was hidden from the audit query of its resource. Each identifier now has one spelling, checked
 * where it enters; the audit trail writes the decoded resource.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class IdentifierSpellingTest {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final String PROBLEM = "application/problem+json";
    /** A canonical value of every path parameter of the contract. */
    static final Map<String, String> SAMPLES = Map.of("code", "ID0-U", "year", "2023", "n", "1",
            "classification", "functional");

    @Inject
    TableCounts counts;

    @Test
    void aUnitCodeWithATrailingSpaceIsNoSecondUnitAndNothingIsStored() {
        SeedFixture.registerTree("ID1-R", "ID1-D", "ID1-U");
        Person filler = Person.filler("ID1-U");
        Person reviewer = Person.reviewer("ID1-D");
        Map<String, Long> before = counts.snapshot();
        long done = counts.count("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'done'");
        long versions = counts.count("SELECT COUNT(*) FROM report_version");

        as(filler).urlEncodingEnabled(false).contentType(ContentType.JSON).body(SeedFixture.report2023("ID1-U "))
                .put("/api/v1/units/ID1-U%20/reports/2023").then().statusCode(422).contentType(PROBLEM)
                .body("violations.field", contains("code"))
                .body("violations[0].reason", containsString("leading or trailing space"))
                .body("violations[0].reason", containsString("did you mean 'ID1-U'?"));
        as(filler).urlEncodingEnabled(false).contentType(ContentType.JSON)
                .body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/ID1-U%20/reports/2023/submit").then().statusCode(422)
                .body("violations.field", contains("code"));
        as(reviewer).urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"by\": \"李审核\"}")
                .post("/api/v1/units/ID1-U%20/reports/2023/approve").then().statusCode(422)
                .body("violations.field", contains("code"));

        assertEquals(before, counts.snapshot());
        assertEquals(versions, counts.count("SELECT COUNT(*) FROM report_version"));
        assertEquals(done, counts.count("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'done'"));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM unit_report WHERE unit_code LIKE 'ID1-U%'"));
        // BINARY: the collation pads spaces, so only a byte-wise comparison tells the alias from the unit.
        assertEquals(0, counts.count("SELECT COUNT(*) FROM outbox_event WHERE BINARY event_key = 'ID1-U '"));

        // The unit's one spelling works, and its audit query finds every line of its report.
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("ID1-U"))
                .put("/api/v1/units/ID1-U/reports/2023").then().statusCode(201);
        as(filler).contentType(ContentType.JSON)
                .body("{\"by\": \"张会计\", \"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/ID1-U/reports/2023/submit").then().statusCode(200);
        as(reviewer).contentType(ContentType.JSON).body("{\"by\": \"李审核\"}")
                .post("/api/v1/units/ID1-U/reports/2023/approve").then().statusCode(200)
                .body("state", equalTo("approved"));
        as(reviewer).queryParam("resource", "units/ID1-U/reports/2023").get("/api/v1/audit").then().statusCode(200)
                .body("entries.action", contains("report.save", "report.submit", "report.approve"));
        assertEquals(1, counts.count("SELECT COUNT(*) FROM unit_report WHERE unit_code = 'ID1-U'"));
        // BINARY: the collation would count 'ID1-U ' as 'ID1-U'; only the exact spelling is stored.
        assertEquals(List.of(List.of("ID1-U")),
                counts.rows("SELECT unit_code FROM unit_report WHERE BINARY unit_code LIKE 'ID1-U%'"));
    }

    @Test
    void aParentOrABodyUnitInASecondSpellingIsRefusedNamingTheField() {
        SeedFixture.registerTree("ID2-R", "ID2-D", "ID2-U");
        Map<String, Long> before = counts.snapshot();
        as(Person.admin("ID2-R")).contentType(ContentType.JSON)
                .body("{\"name\": \"单位\", \"kind\": \"unit\", \"parent\": \"ID2-D \", \"unitType\": \"参公\"}")
                .put("/api/v1/units/ID2-V").then().statusCode(422).contentType(PROBLEM)
                .body("violations.field", contains("parent"))
                .body("violations[0].reason", containsString("did you mean 'ID2-D'?"));
        as(Person.admin("ID2-R")).contentType(ContentType.JSON)
                .body("{\"name\": \"单位\", \"kind\": \"unit\", \"parent\": \"id2-d\", \"unitType\": \"参公\"}")
                .put("/api/v1/units/ID2-V").then().statusCode(422).body("violations.field", contains("parent"));
        as(Person.filler("ID2-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("ID2-U\u200B"))
                .put("/api/v1/units/ID2-U/reports/2023").then().statusCode(422)
                .body("violations.field", hasItem("unit"))
                .body("violations.find { it.field == 'unit' }.reason", containsString("zero-width"));
        assertEquals(before, counts.snapshot());
    }

    @Test
    void aRefusalSentPercentEncodedIsFoundByTheAuditQueryOfItsResource() {
        SeedFixture.registerTree("ID3-R", "ID3-D", "ID3-U");
        Person filler = Person.filler("ID3-U");
        as(filler).urlEncodingEnabled(false).contentType(ContentType.JSON).body("{\"by\": \"张会计\"}")
                .post("/api/v1/units/ID3%2DU/reports/2023/approve").then().statusCode(403).contentType(PROBLEM);
        as(Person.reviewer("ID3-D")).queryParam("resource", "units/ID3-U/reports/2023").get("/api/v1/audit").then()
                .statusCode(200)
                .body("entries.outcome", contains("refused"))
                .body("entries[0].action", equalTo("DECIDE_REPORT"))
                .body("entries[0].resource", equalTo("units/ID3-U/reports/2023/approve"))
                .body("entries[0].path", equalTo("/api/v1/units/ID3%2DU/reports/2023/approve"));
    }

    @Test
    void everyPathParameterOfEveryOperationHasOneSpelling() {
        List<SecondSpellings.Case> cases = SecondSpellings.of(OpenApiContract.contract(), SAMPLES,
                (name, value) -> PathIdentifiers.grammarOf(name).orElseThrow().matches(value));
        SAMPLES.keySet().forEach(name -> assertTrue(PathIdentifiers.grammarOf(name).isPresent(),
                "{" + name + "} has no grammar in PathIdentifiers"));
        assertTrue(cases.size() >= 150, "only " + cases.size() + " cases");
        // The contract declares the same grammar (one home: Identifier in fiscal-core), for generated clients.
        SecondSpellings.declaredPatterns(OpenApiContract.contract()).forEach((name, patterns) -> assertEquals(
                java.util.Set.of("^(" + PathIdentifiers.grammarOf(name).orElseThrow().pattern() + ")$"), patterns.stream()
                        .map(x -> x.isEmpty() || x.startsWith("^(") ? x : "^(" + x.substring(1, x.length() - 1) + ")$")
                        .collect(java.util.stream.Collectors.toSet()), name));
        Person admin = Person.admin("431200");
        Map<String, Long> before = counts.snapshot();
        List<String> wrong = new ArrayList<>();
        for (SecondSpellings.Case c : cases) {
            // Each operation gets a body of the media type it takes, so that the path is all that is wrong.
            String type = c.template().endsWith("/workbook") ? XLSX : ContentType.JSON.toString();
            Response r = as(admin).urlEncodingEnabled(false).contentType(type)
                    .body("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8)).request(c.method(), c.path());
            if (r.statusCode() != 422 || !r.contentType().startsWith(PROBLEM)
                    || !r.jsonPath().getList("violations.field").contains(c.parameter())) {
                wrong.add(c + " → " + r.statusCode() + " " + r.asString());
            }
        }
        assertEquals(List.of(), wrong);
        assertEquals(before, counts.snapshot());
    }

    @Test
    void aPercentEncodedCanonicalCodeIsTheCodeItself() {
        SeedFixture.registerTree("ID4-R", "ID4-D", "ID4-U");
        as(Person.reader("ID4-D")).urlEncodingEnabled(false).get("/api/v1/units/ID4%2DU").then().statusCode(200)
                .body("code", equalTo("ID4-U"));
        as(Person.reader("ID4-D")).urlEncodingEnabled(false).get("/api/v1/units/%49D4-U").then().statusCode(200)
                .body("code", equalTo("ID4-U"));
        as(Person.reader("ID4-D")).get("/api/v1/units").then().statusCode(200)
                .body("code", containsInAnyOrder("ID4-D", "ID4-U"));
    }
}
