package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.ReportEventDecoder;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.summary.CountedReport;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.performance.persistence.OrgNode;
import cn.finalaccounts.performance.persistence.ReportFiguresStore;
import cn.finalaccounts.support.consumer.BatchApplier;
import cn.finalaccounts.support.consumer.EventRouter;
import cn.finalaccounts.support.consumer.RejectedEventStore;
import cn.finalaccounts.support.tree.MirroredOrgNode;
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

    /** Report events are read straight into their sums, by a decoder per loop thread (it keeps cell addresses). */
    private final ThreadLocal<ReportEventDecoder> decoders = ThreadLocal.withInitial(ReportEventDecoder::new);

    @PostConstruct
    void routes() {
        router = new EventRouter(rejected)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, this::apply)
                .onTopic(Topics.UNIT_REPORTS, json -> apply(decoders.get().decode(json)));
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        records.forEach(router::route);
    }

    private void apply(CountedReport report) {
        CountedView[] views = CountedView.countedIn(report.state());
        if (views.length == 0) {
            return; // a draft or a return carries no figures
        }
        // The year's named figures say which cells hold 项目支出: a template that moves them changes that file only.
        // A year without template is set aside with the record, as any record this service cannot read.
        NamedFigures named = FiscalYears.current().year(report.year()).orElseThrow(() -> new UndecodableEventException(
                "no template for the year " + report.year() + " of " + report.unit() + "'s report")).figures();
        for (CountedView view : views) {
            figures.keepIfNewer(report.unit(), report.year(), new ReportFiguresStore.ProjectSpendingFigures(view,
                    report.version(), report.cells().cells().get(named.cell("project_expense")),
                    report.cells().cells().get(named.cell("fiscal_project_expense"))));
        }
    }

    private void apply(OrgNodeChanged event) {
        MirroredOrgNode.requireComplete(event);
        OrgNode node = OrgNode.findById(event.code());
        if (node == null) {
            node = new OrgNode();
            node.copy(event);
            node.persist();
        } else if (node.isOlderThan(event)) {
            node.copy(event);
        }
    }
}
