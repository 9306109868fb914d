package cn.finalaccounts.aggregation;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.Person;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;

/** Requests authenticated as the person a scenario needs: a reader of the node it reads, an operator. */
final class As {
    /** A region of its own at the top of the mirrored tree, where the tests' operator belongs. */
    static final String OPS = "OPS";
    private static boolean published;

    private As() {
    }

    static RequestSpecification person(Person person) {
        return given().auth().oauth2(person.token());
    }

    /** A reader of the node: the least role that may read its 汇总. */
    static RequestSpecification readerOf(String node) {
        return person(Person.reader(node));
    }

    /**
     * The platform's operator, as the service-wide endpoints (consistency, rebuild) need: the role alone, no place in
     * the tree. The region OPS, which some scenarios read, is published once and awaited on every call: a rebuild
     * empties the mirrored tree before it replays it.
     */
    static synchronized RequestSpecification operator() {
        if (!published) {
            try (EventProducer events = new EventProducer()) {
                events.node(OPS, "运维", NodeKind.REGION, null, 1);
            }
            published = true;
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> readerOf(OPS).get("/api/v1/summaries/" + OPS
                + "/2023").then().statusCode(200));
        return person(Person.operator());
    }
}
