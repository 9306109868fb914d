package cn.finalaccounts.performance;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** performance-service learns the tree from accounts-service's events, newest revision winning. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TreeMirrorTest {

    @Test
    void aUnitRegisteredInAccountsBecomesKnownAndAStaleRevisionChangesNothing() throws Exception {
        // Not known yet: in nobody's scope, so even a reader of that very node is refused (403, never a 404 that
        // would tell an outsider which codes exist).
        given().auth().oauth2(Person.reader("P1-U").token()).get("/api/v1/units/P1-U").then().statusCode(403)
                .contentType("application/problem+json");

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(record(new OrgNodeChanged("P1-U", "怀化市养老和工伤保险服务中心", NodeKind.UNIT,
                    UnitType.CIVIL_SERVICE_MANAGED, "P1-D", 2))).get();
            producer.send(record(new OrgNodeChanged("P1-U", "旧名称", NodeKind.UNIT, UnitType.CIVIL_SERVICE_MANAGED,
                    "P1-OLD", 1))).get();
            producer.send(EventProducer.genuine(Topics.ORG_NODES, "P1-X", "garbage")).get();
            // Forged: a newer revision moving the unit, unsigned and signed with a key that is not accounts-service's.
            String moved = EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, new OrgNodeChanged(
                    "P1-U", "伪造", NodeKind.UNIT, UnitType.CIVIL_SERVICE_MANAGED, "P1-FORGED", 3));
            producer.send(new ProducerRecord<>(Topics.ORG_NODES, "P1-U", moved)).get();
            producer.send(EventProducer.signed("accounts", "not-the-key-of-accounts-service-000000", Topics.ORG_NODES,
                    "P1-U", moved)).get();
            producer.send(record(new OrgNodeChanged("P1-MARK", "marker", NodeKind.UNIT, null, "P1-D", 1))).get();
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(Person.reader("P1-MARK").token()).get("/api/v1/units/P1-MARK").then().statusCode(200));
        given().auth().oauth2(Person.reader("P1-U").token()).get("/api/v1/units/P1-U").then().statusCode(200)
                .body("name", equalTo("怀化市养老和工伤保险服务中心"))
                .body("parent", equalTo("P1-D"))
                .body("unitType", equalTo("参公"))
                .body("revision", equalTo(2));
    }

    private static ProducerRecord<String, String> record(OrgNodeChanged event) {
        return EventProducer.genuine(Topics.ORG_NODES, event.code(),
                EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, event));
    }
}
