package cn.finalaccounts.accounts;

import static cn.finalaccounts.accounts.As.as;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.support.outbox.OutboxRelay;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A saved report's event leaves through the outbox, arrives on the broker and is marked sent. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class OutboxRelayTest {
    @Inject
    TableCounts counts;

    @Inject
    OutboxRelay relay;

    @Test
    void aSavedReportIsPublishedToItsTopicAndMarkedSent() {
        SeedFixture.registerTree("O1-R", "O1-D", "O1-U");
        as(Person.filler("O1-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("O1-U"))
                .put("/api/v1/units/O1-U/reports/2023").then().statusCode(201);

        UnitReportChanged event = PublishedEvents.reportEvents("O1-U", 1).get(0);
        assertEquals("draft", event.state());
        assertEquals(0, event.version());
        assertEquals(1, event.revision());
        assertEquals(2023, event.year());
        // A draft counts in no 汇总: its event says what changed, not the figures (ReportEventsTest has those).
        assertNull(event.report());
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O1-U' AND published_at IS NULL") == 0);
    }

    @Test
    void publishedRowsArePrunedOnceOlderThanTheRetentionAndNoSooner() {
        Instant before = Instant.now().minusSeconds(1);
        SeedFixture.registerTree("O2-R", "O2-D", "O2-U");
        as(Person.filler("O2-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("O2-U"))
                .put("/api/v1/units/O2-U/reports/2023").then().statusCode(201);
        // The unit's node and its report, both keyed by the unit.
        await().atMost(Duration.ofSeconds(10)).until(() -> counts.count(
                "SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U' AND published_at IS NOT NULL") == 2);

        relay.prunePublishedBefore(before);
        assertEquals(2, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U'"));

        relay.prunePublishedBefore(Instant.now().plusSeconds(1));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM outbox_event WHERE event_key = 'O2-U'"));
        assertEquals(0, counts.count("SELECT COUNT(*) FROM outbox_event WHERE published_at IS NOT NULL"));
    }
}
