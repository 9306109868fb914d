package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.fiscal.workflow.RollupView;
import cn.finalaccounts.performance.persistence.ReportFiguresStore;
import cn.finalaccounts.performance.persistence.KnownNode;
import cn.finalaccounts.support.consumer.BatchApplier;
import cn.finalaccounts.support.consumer.EventRouter;
import cn.finalaccounts.support.consumer.RejectedEventStore;
import cn.finalaccounts.support.tree.MirroredNode;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Keeps what this service needs of accounts-service, from its events: the organisation tree (project funds and
 * fund statistics are accepted only for units that exist) and each unit's 项目支出 in its counted report versions
 * (for the reconciliation with project spending). A stale revision or version changes nothing.
 */
@ApplicationScoped
public class AccountsMirror implements BatchApplier {
    @Inject
    RejectedEventStore rejected;

    @Inject
    ReportFiguresStore figures;

    private EventRouter router;

    @PostConstruct
    void routes() {
        router = new EventRouter(rejected)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, this::apply)
                .on(UnitReportChanged.TYPE, UnitReportChanged.OLDEST_READ_VERSION, UnitReportChanged.CONTRACT_VERSION,
                        UnitReportChanged.class, this::apply);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        records.forEach(router::route);
    }

    private void apply(UnitReportChanged event) {
        ReportState state;
        try {
            state = ReportState.fromId(event.state());
        } catch (RuntimeException e) {
            throw new UndecodableEventException("UnitReportChanged with unknown state '" + event.state() + "'");
        }
        RollupView[] views = RollupView.countedIn(state);
        if (views.length == 0) {
            return; // a draft or a return changes no counted figure (and carries no report since contract version 2)
        }
        if (event.unit() == null || event.report() == null) {
            throw new UndecodableEventException("UnitReportChanged without unit or report");
        }
        CellSheet cells = event.report().toSheet();
        for (RollupView view : views) {
            figures.keepIfNewer(event.unit(), event.year(), new ReportFiguresStore.ProjectSpendingFigures(view,
                    event.version(), cells.cells().get(new CellKey("03", "total", "3")),
                    cells.cells().get(new CellKey("05", "total", "3"))));
        }
    }

    private void apply(OrgNodeChanged event) {
        MirroredNode.requireComplete(event);
        KnownNode node = KnownNode.findById(event.code());
        if (node == null) {
            node = new KnownNode();
            node.copy(event);
            node.persist();
        } else if (node.isOlderThan(event)) {
            node.copy(event);
        }
    }
}
