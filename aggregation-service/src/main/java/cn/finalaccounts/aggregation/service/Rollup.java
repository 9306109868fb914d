package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.Contribution;
import cn.finalaccounts.aggregation.persistence.ContributionStore;
import cn.finalaccounts.aggregation.persistence.PerformanceStore;
import cn.finalaccounts.aggregation.persistence.SummaryStore;
import cn.finalaccounts.aggregation.persistence.TreeNode;
import cn.finalaccounts.fiscal.events.FundStatisticsChanged;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.ProjectChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.fiscal.workflow.RollupView;
import cn.finalaccounts.support.consumer.BatchApplier;
import cn.finalaccounts.support.consumer.EventRouter;
import cn.finalaccounts.support.consumer.RejectedEventStore;
import cn.finalaccounts.support.tree.MirroredNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies events to the kept 汇总 of every node. Each 汇总 equals the sum of the latest counted version of every
 * unit below it, in two views: the latest approved and the latest submitted; drafts and returns count in
 * neither. Project funds and fund statistics from performance-service keep their latest revision
 * ({@link PerformanceStore}). A newer version adds its difference from the one counted before; a moved node takes its whole
 * 汇总 from its old ancestors to its new ones. An event older than what is applied changes nothing, so a
 * redelivery, a duplicate or a late arrival is harmless.
 */
@ApplicationScoped
public class Rollup implements BatchApplier {
    @Inject
    SummaryStore summaries;

    @Inject
    ContributionStore contributions;

    @Inject
    RejectedEventStore rejected;

    @Inject
    PerformanceStore performance;

    /** Deltas and contributions of the batch being applied; only the consumer thread applies batches. */
    private PendingDeltas pending;

    private BatchContributions batchContributions;

    private EventRouter router;

    @PostConstruct
    void routes() {
        router = new EventRouter(rejected)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, this::applyNode)
                .on(UnitReportChanged.TYPE, UnitReportChanged.OLDEST_READ_VERSION, UnitReportChanged.CONTRACT_VERSION,
                        UnitReportChanged.class, this::applyReport)
                .on(ProjectChanged.TYPE, ProjectChanged.CONTRACT_VERSION, ProjectChanged.class, performance::keep)
                .on(FundStatisticsChanged.TYPE, FundStatisticsChanged.CONTRACT_VERSION, FundStatisticsChanged.class,
                        performance::keep);
    }

    /**
     * Applies a batch of records in the caller's transaction, which also stores the consumer offsets. Deltas
     * are merged per node and year and written once at the end of the batch.
     */
    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        boolean changesTree = records.stream().anyMatch(r -> Topics.ORG_NODES.equals(r.topic()));
        summaries.lockTree(changesTree);
        if (changesTree) {
            summaries.treeChanged();
        }
        pending = new PendingDeltas();
        // Report records are keyed by their unit: the batch's contributions are read in one query.
        batchContributions = new BatchContributions(contributions, records.stream()
                .filter(r -> Topics.UNIT_REPORTS.equals(r.topic())).map(ConsumerRecord::key).toList());
        records.forEach(router::route);
        summaries.add(pending.drain());
        batchContributions.flush();
    }

    private void applyNode(OrgNodeChanged event) {
        MirroredNode.requireComplete(event);
        TreeNode node = TreeNode.findById(event.code());
        if (node != null && !node.isOlderThan(event)) {
            return;
        }
        String oldParent = node == null ? null : node.parentCode;
        boolean moves = !Objects.equals(oldParent, event.effectiveParent());
        List<String> oldAncestors = moves ? TreeNode.ancestorsOf(event.code(), oldParent) : List.of();
        if (node == null) {
            node = new TreeNode();
            node.copy(event);
            node.persist();
        } else {
            node.copy(event);
        }
        if (!moves) {
            return;
        }
        // The node's own 汇总 already holds everything below it; flush first so that read is current.
        summaries.add(pending.drain());
        Map<SummaryStore.SummaryKey, CellSheet> carried = summaries.readAll(event.code());
        List<String> newAncestors = TreeNode.ancestorsOf(event.code(), event.effectiveParent());
        carried.forEach((key, sheet) -> {
            oldAncestors.forEach(a -> pending.subtract(a, key.view(), key.year(), sheet));
            newAncestors.forEach(a -> pending.add(a, key.view(), key.year(), sheet));
        });
    }

    private void applyReport(UnitReportChanged event) {
        ReportState state;
        try {
            state = ReportState.fromId(event.state());
        } catch (RuntimeException e) {
            throw new UndecodableEventException("UnitReportChanged with unknown state '" + event.state() + "'");
        }
        RollupView[] views = RollupView.countedIn(state);
        if (views.length == 0) {
            return; // a draft or a return counts in no view (and carries no report since contract version 2)
        }
        if (event.unit() == null || event.report() == null || !event.unit().equals(event.report().unit())
                || event.year() != event.report().year()) {
            throw new UndecodableEventException("UnitReportChanged whose unit or year disagrees with its report");
        }
        for (RollupView view : views) {
            applyReport(event, view);
        }
    }

    /** Replaces the unit's contribution to one view when the event's version is newer than the one counted. */
    private void applyReport(UnitReportChanged event, RollupView view) {
        Contribution previous = batchContributions.find(event.unit(), event.year(), view).orElse(null);
        if (previous != null && event.version() <= previous.version()) {
            return;
        }
        CellSheet cells = event.report().toSheet();
        cells.add(SummaryStore.UNITS_IN, java.math.BigDecimal.ONE);
        // A first version adds itself whole: no difference to compute (most of a rebuild's events).
        CellSheet delta = previous == null ? cells : cells.minus(previous.cells());
        TreeNode unit = TreeNode.findById(event.unit());
        List<String> targets = new ArrayList<>();
        targets.add(event.unit());
        targets.addAll(TreeNode.ancestorsOf(event.unit(), unit == null ? null : unit.parentCode));
        targets.forEach(t -> pending.add(t, view, event.year(), delta));
        batchContributions.save(new Contribution(event.unit(), event.year(), view, event.version(), event.state(), cells,
                Instant.now()));
    }
}
