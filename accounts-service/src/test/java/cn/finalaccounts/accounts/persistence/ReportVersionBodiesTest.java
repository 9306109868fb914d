package cn.finalaccounts.accounts.persistence;

import static cn.finalaccounts.accounts.As.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.accounts.rest.ReportWorkflowTest;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The outbox relay reads the bodies of a batch's submitted reports in one statement; each reference has one spelling,
 * and one that names nothing is left out (the relay parks its row).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class ReportVersionBodiesTest {
    @Inject
    ReportVersionBodies bodies;

    @Inject
    AgroalDataSource db;

    @Inject
    TableCounts counts;

    @Test
    void theBodiesOfSeveralVersionsComeInOneReadAndAReferenceInAnotherSpellingNamesNothing() throws Exception {
        String first = submitted("RVB1");
        String second = submitted("RVB2");
        String id = first.substring("report_version/".length());
        List<String> asked = List.of(first, second, "report_version/+" + id, "report_version/0" + id,
                "report_version/" + id + " ", "report_version/999999999", "report_version/", "unit_report/" + id);

        Map<String, String> found;
        String one;
        try (Connection c = db.getConnection()) {
            found = bodies.bodies(c, asked);
            one = bodies.body(c, first);
            assertNull(bodies.body(c, "report_version/+" + id));
        }

        assertEquals(Set.of(first, second), found.keySet());
        assertEquals(one, found.get(first));
        for (String body : found.values()) {
            // The seed's 收入总计 (01表, 栏1) as the unit entered it.
            assertTrue(body.contains("901.39"), body.substring(0, Math.min(200, body.length())));
        }
    }

    /** A unit's 2023 report saved and submitted; the reference to its version 1's body. */
    private String submitted(String prefix) {
        String unit = prefix + "-U";
        SeedFixture.registerTree(prefix + "-R", prefix + "-D", unit);
        Person filler = Person.filler(unit);
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023(unit))
                .put("/api/v1/units/" + unit + "/reports/2023").then().statusCode(201);
        as(filler).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post("/api/v1/units/" + unit + "/reports/2023/submit").then().statusCode(200);
        String id = counts.rows("SELECT id FROM report_version WHERE unit_code = '" + unit + "' AND version = 1")
                .get(0).get(0);
        return ReportVersionBodies.reference(Long.parseLong(id));
    }
}
