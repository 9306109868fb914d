package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.PerformanceStore;
import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.persistence.TreeStore;
import cn.finalaccounts.fiscal.events.FundStatisticsChanged;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.ProjectChanged;
import cn.finalaccounts.fiscal.events.ReportEventDecoder;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.CountedReport;
import cn.finalaccounts.fiscal.summary.SummaryArithmetic;
import cn.finalaccounts.fiscal.summary.SummaryKey;
import cn.finalaccounts.support.consumer.BatchApplier;
import cn.finalaccounts.support.consumer.EventRouter;
import cn.finalaccounts.support.consumer.RejectedEventStore;
import cn.finalaccounts.support.tree.MirroredOrgNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies batches of events to the kept 汇总 of every node: loads what a batch needs (the counted contributions of
 * its units, the tree), lets fiscal-core's {@link SummaryArithmetic} work out the changes, and appends them to the
 * 汇总's changelog, which memory takes over once the batch commits ({@link LiveSummaries}). Project
 * funds and fund statistics from performance-service keep their latest revision ({@link PerformanceStore}). Several
 * consumer loops may apply batches at once (their partitions are disjoint): a batch's state lives in its
 * {@link Batch}, never in this bean.
 */
@ApplicationScoped
public class SummaryUpdater implements BatchApplier {
    @Inject
    SummaryStore summaries;

    @Inject
    LiveSummaries live;

    @Inject
    TreeStore tree;

    @Inject
    ContributionStore contributions;

    @Inject
    RejectedEventStore rejected;

    @Inject
    PerformanceStore performance;

    /** A decoder per loop thread: it keeps the cell addresses it has met, shared by all its events. */
    private final ThreadLocal<ReportEventDecoder> decoders = ThreadLocal.withInitial(ReportEventDecoder::new);

    /**
     * Applies a batch of records in the caller's transaction, which also stores the consumer offsets. Deltas are
     * merged per node, view and year and appended once, at the end of the batch.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        boolean changesTree = records.stream().anyMatch(r -> Topics.ORG_NODES.equals(r.topic()));
        summaries.lockTree(changesTree);
        // Report records are keyed by their unit: the batch's contributions and the units' histories are read in
        // one query each.
        List<String> units = records.stream().filter(r -> Topics.UNIT_REPORTS.equals(r.topic()))
                .map(ConsumerRecord::key).distinct().toList();
        Batch batch = new Batch(new BatchContributions(contributions, units), tree.historiesOf(units));
        EventRouter router = new EventRouter(rejected)
                .onTopic(Topics.UNIT_REPORTS, batch::applyReport)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, batch::applyNode)
                .on(ProjectChanged.TYPE, ProjectChanged.CONTRACT_VERSION, ProjectChanged.class, performance::keep)
                .on(FundStatisticsChanged.TYPE, FundStatisticsChanged.CONTRACT_VERSION, FundStatisticsChanged.class,
                        performance::keep);
        records.forEach(router::route);
        // Contributions first: the changelog's number, which the other loop and instances queue on, is taken last.
        batch.contributions.flush();
        live.append(batch.arithmetic.pending().drain(), changesTree);
    }

    /** One batch: its arithmetic (the pending deltas), its contributions and the nodes' histories it has read. */
    private final class Batch {
        final SummaryArithmetic arithmetic = new SummaryArithmetic();
        final BatchContributions contributions;
        /** The stored history of each node this batch has met (empty: not known yet), as this transaction sees it. */
        final Map<String, Optional<NodeHistory>> histories = new HashMap<>();

        Batch(BatchContributions contributions, Map<String, NodeHistory> preloaded) {
            this.contributions = contributions;
            preloaded.forEach((code, history) -> histories.put(code, Optional.of(history)));
        }

        /** A node's parent in the year's tree: null at the top, out of the tree, or not known yet. */
        UnaryOperator<String> parentIn(int year) {
            return code -> histories.computeIfAbsent(code, tree::historyOf).map(h -> h.parentAt(year)).orElse(null);
        }

        void applyReport(String json) {
            CountedReport report = decoders.get().decode(json);
            arithmetic.applyReport(report, contributions, parentIn(report.year()), Instant.now());
        }

        /**
         * A node's history replaces the one kept. In every year whose parent it changes, the node's 汇总 of that year
         * leaves its ancestors in the year's old tree and joins those in the new one; other years stay as they are.
         */
        void applyNode(OrgNodeChanged event) {
            MirroredOrgNode.requireComplete(event);
            NodeHistory history = event.historyOrAlways();
            OptionalLong stored = tree.revisionOf(event.code());
            if (stored.isPresent() && event.revision() <= stored.getAsLong()) {
                return;
            }
            NodeHistory old = histories.computeIfAbsent(event.code(), tree::historyOf).orElse(null);
            tree.store(event, history);
            histories.put(event.code(), Optional.of(history));
            if (!NodeHistory.movesInSomeYear(old, history)) {
                return;
            }
            // Everything the node's 汇总 holds moves: the sheets kept for what lies below it (every other batch has
            // committed, this one holding the lock alone: memory is complete once it has read the changelog), this
            // batch's deltas not yet appended, and the node's own contributions.
            live.catchUp();
            Map<SummaryKey, CellSheet> whole = arithmetic.pending().of(event.code());
            live.keys().stream().filter(k -> k.node().equals(event.code()))
                    .forEach(k -> whole.computeIfAbsent(k, x -> new CellSheet()).addAll(live.below(k)));
            contributions.allOf(event.code()).forEach(c -> whole.computeIfAbsent(
                    new SummaryKey(c.unit(), c.view(), c.year()), x -> new CellSheet()).addAll(c.cells()));
            Map<Integer, Map<SummaryKey, CellSheet>> carried = new TreeMap<>();
            whole.forEach((key, sheet) ->
                    carried.computeIfAbsent(key.year(), y -> new HashMap<>()).put(key, sheet));
            carried.forEach((year, sheets) -> {
                String from = old == null ? null : old.parentAt(year);
                String to = history.parentAt(year);
                if (!Objects.equals(from, to)) {
                    UnaryOperator<String> parentOf = parentIn(year);
                    arithmetic.applyMove(sheets, SummaryArithmetic.ancestorsOf(event.code(), from, parentOf),
                            SummaryArithmetic.ancestorsOf(event.code(), to, parentOf));
                }
            });
        }
    }
}
