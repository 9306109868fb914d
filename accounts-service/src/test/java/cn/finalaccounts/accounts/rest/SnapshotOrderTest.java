package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A snapshot (what a consumer's rebuild asks for) re-publishes every node of the tree once, parents before their
 * children, a few nodes per transaction (three in the tests, 500 in production): a consumer reading the topic in
 * order meets the tree top down, however large it is.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class SnapshotOrderTest {
    private static final Person OPERATOR = new Person("operator@platform", "platform-operator", null,
            List.of("operator"));

    @Inject
    TableCounts counts;

    @Test
    void everyNodeIsPublishedOnceAndAfterItsParentAcrossTransactions() {
        SeedFixture.registerTree("SO-R", "SO-D1", "SO-U1");
        Person admin = Person.admin("SO-R").withRoles("admin", "operator");
        // Codes that sort before their parents', so that only the depth puts them after.
        for (String[] node : new String[][] {{"SO-D2", "department", "SO-R"}, {"SO-A", "unit", "SO-D2"},
                {"SO-B", "unit", "SO-D2"}, {"SO-C", "unit", "SO-D1"}}) {
            as(admin).contentType(ContentType.JSON).body("{\"name\": \"单位" + node[0] + "\", \"kind\": \"" + node[1]
                    + "\", \"parent\": \"" + node[2] + "\"" + (node[1].equals("unit") ? ", \"unitType\": \"事业\"" : "")
                    + "}").put("/api/v1/units/" + node[0]).then().statusCode(201);
        }
        long before = counts.count("SELECT COALESCE(MAX(id), 0) FROM outbox_event");

        as(OPERATOR).post("/api/v1/admin/snapshot").then().statusCode(200);

        Map<String, Long> published = new HashMap<>();
        for (List<String> row : counts.rows("SELECT event_key, id FROM outbox_event WHERE id > " + before
                + " AND event_type = 'OrgNodeChanged' AND event_key LIKE 'SO-%' ORDER BY id")) {
            assertEquals(null, published.put(row.get(0), Long.valueOf(row.get(1))), row.get(0) + " published twice");
        }
        assertEquals(Set.of("SO-R", "SO-D1", "SO-D2", "SO-U1", "SO-A", "SO-B", "SO-C"), published.keySet());
        Map<String, String> parents = Map.of("SO-D1", "SO-R", "SO-D2", "SO-R", "SO-U1", "SO-D1", "SO-A", "SO-D2",
                "SO-B", "SO-D2", "SO-C", "SO-D1");
        parents.forEach((child, parent) -> assertTrue(published.get(parent) < published.get(child),
                parent + " must be published before " + child));
    }
}
