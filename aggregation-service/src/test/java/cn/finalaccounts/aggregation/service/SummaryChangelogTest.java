package cn.finalaccounts.aggregation.service;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/**
 * The 汇总 live in memory and the database holds their changelog: whatever memory holds, an instance that starts now
 * (or another instance) reads the same from the snapshots and the deltas after them, and what another instance
 * appends reaches this one's memory.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class SummaryChangelogTest {
    private static final CellKey INCOME = new CellKey("01", "income_total", "1");
    private static final CellKey OTHER_INCOME = new CellKey("01", "other_income", "1");

    @Inject
    LiveSummaries live;

    @Inject
    SummaryStore store;

    @Test
    void aStartReadsFromTheSnapshotsAndTheDeltasExactlyWhatMemoryHolds() {
        SummaryKey region = new SummaryKey("CL1-R", CountedView.APPROVED, 2023);
        try (EventProducer events = new EventProducer()) {
            events.tree("CL1-R", "CL1-D", "CL1-U");
            events.report(EventProducer.seedReport("CL1-U"), 1);
            awaitAmount(region, INCOME, "901.39");
            assertEquals(sheets(live), sheets(started()));

            // Every sheet written whole as its snapshot: the deltas it sums are gone, and a start reads the same.
            live.snapshotDue(1);
            assertEquals(0, store.deltaCount());
            assertEquals(sheets(live), sheets(started()));

            // A correction after the snapshots: a start reads each snapshot and the delta after it.
            events.report(EventProducer.seedReport("CL1-U", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 2);
            awaitAmount(region, OTHER_INCOME, "0.26");
            assertTrue(store.deltaCount() > 0);
            assertEquals(sheets(live), sheets(started()));
            assertEquals(new BigDecimal("901.39"), started().below(region).cells().get(INCOME));
        }
    }

    @Test
    void whatAnotherInstanceAppendsReachesThisInstancesMemory() {
        SummaryKey elsewhere = new SummaryKey("CL2-R", CountedView.SUBMITTED, 2023);
        CellSheet delta = new CellSheet();
        delta.add(INCOME, new BigDecimal("12.345678"));
        long before = live.applied();

        // As a batch of another instance does: in its own transaction, which this instance never hands over.
        QuarkusTransaction.requiringNew().run(() -> store.append(Map.of(elsewhere, delta), false));
        await().atMost(Duration.ofSeconds(10)).until(() -> live.applied() > before);
        assertEquals(new BigDecimal("12.345678"), live.below(elsewhere).cells().get(INCOME));

        // A long changelog: an instance that starts reads it a range of rows at a time, and misses none.
        CellSheet cent = new CellSheet();
        cent.add(INCOME, new BigDecimal("0.01"));
        for (int i = 0; i < 3 * LiveSummaries.CATCH_UP_ROWS; i++) {
            QuarkusTransaction.requiringNew().run(() -> store.append(Map.of(elsewhere, cent), false));
        }
        assertEquals(new BigDecimal("13.845678"), started().below(elsewhere).cells().get(INCOME));
        await().atMost(Duration.ofSeconds(10)).until(() -> new BigDecimal("13.845678")
                .equals(live.below(elsewhere).cells().get(INCOME)));

        // Taken back the same way: the sheet is empty again (no figure of a unit that does not exist stays counted).
        CellSheet all = new CellSheet();
        all.add(INCOME, new BigDecimal("13.845678"));
        QuarkusTransaction.requiringNew().run(() -> store.append(Map.of(elsewhere, new CellSheet().minus(all)), false));
        await().atMost(Duration.ofSeconds(10)).until(() -> live.below(elsewhere).isEmpty());
    }

    @Test
    void anInstanceWhoseMemoryIsNotLoadedIsNotReady() {
        SummariesReadiness readiness = new SummariesReadiness();
        readiness.live = new LiveSummaries();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus());

        readiness.live = started();
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
        // This instance's own memory, caught up every 0.2 s, is ready too.
        readiness.live = live;
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }

    private void awaitAmount(SummaryKey key, CellKey cell, String amount) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            BigDecimal a = live.below(key).cells().get(cell);
            return a != null && a.compareTo(new BigDecimal(amount)) == 0;
        });
    }

    /** A memory of its own, as an instance that starts now has, filled from the database alone. */
    private LiveSummaries started() {
        LiveSummaries started = new LiveSummaries();
        started.store = store;
        QuarkusTransaction.requiringNew().run(started::catchUp);
        return started;
    }

    /** Every kept sheet of memory, caught up with the changelog first. */
    private static Map<SummaryKey, CellSheet> sheets(LiveSummaries memory) {
        QuarkusTransaction.requiringNew().run(memory::catchUp);
        Map<SummaryKey, CellSheet> sheets = new HashMap<>();
        memory.keys().forEach(k -> sheets.put(k, memory.below(k)));
        return sheets;
    }
}
