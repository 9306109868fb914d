package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/v1/admin/counted-versions}, what the consistency check against the sources recounts from: per unit
 * the version each view counts, with its completed report. The operator's alone: it hands out every unit's figures.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class CountedVersionResourceTest {
    private static final String COUNTED = "/api/v1/admin/counted-versions";

    @Test
    void theApprovedAndTheSubmittedViewEachNameTheVersionTheyCountWithItsFigures() {
        SeedFixture.registerTree("CV-R", "CV-D", "CV-U");
        String reports = "/api/v1/units/CV-U/reports/2023";
        Person filler = Person.filler("CV-D");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("CV-U")).put(reports).then()
                .statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(reports + "/submit").then().statusCode(200);
        as(Person.reviewer("CV-D")).contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}")
                .post(reports + "/approve").then().statusCode(200);

        // "CV-T" is the cursor: the page starts after it, so CV-U is its first unit whatever other tests stored.
        as(Person.operator()).queryParam("after", "CV-T").queryParam("limit", 1).get(COUNTED).then().statusCode(200)
                .body("versions.size()", equalTo(2))
                .body("versions[0].unit", equalTo("CV-U")).body("versions[0].year", equalTo(2023))
                .body("versions[0].view", equalTo("approved")).body("versions[0].version", equalTo(1))
                .body("versions[1].view", equalTo("submitted")).body("versions[1].version", equalTo(1))
                .body("versions[0].report.tables.find { it.table == '05' }.cells"
                        + ".find { it.row == 'total' && it.col == '2' }.amount", equalTo("695.12"))
                .body("versions[0].report.tables.find { it.table == '05' }.cells"
                        + ".find { it.row == '208' && it.col == '1' }.amount", equalTo("875.52"))
                .body("next", equalTo("CV-U"));
    }

    @Test
    void nobodyButTheOperatorReadsIt() {
        SeedFixture.registerTree("CW-R", "CW-D", "CW-U");
        for (Person p : new Person[] {Person.admin("CW-R"), Person.reviewer("CW-R"), Person.reader("CW-R"),
                Person.filler("CW-U")}) {
            as(p).get(COUNTED).then().statusCode(403).contentType("application/problem+json");
        }
        given().get(COUNTED).then().statusCode(401);
        as(Person.operator()).queryParam("limit", 0).get(COUNTED).then().statusCode(422)
                .body("violations[0].field", equalTo("limit"))
                .body("violations[0].reason", containsString("between 1 and 1000"));
        as(Person.operator()).queryParam("after", "ZZZZZZ").get(COUNTED).then().statusCode(200)
                .body("versions.size()", equalTo(0)).body("next", nullValue());
    }
}
