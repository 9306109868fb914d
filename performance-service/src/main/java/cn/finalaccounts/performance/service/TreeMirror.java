package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.events.OrgNodeChanged;
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
 * Keeps this service's copy of the organisation tree, so that project funds and fund statistics are only
 * accepted for units that exist, without reading accounts-service's tables. A stale revision changes nothing.
 */
@ApplicationScoped
public class TreeMirror implements BatchApplier {
    @Inject
    RejectedEventStore rejected;

    private EventRouter router;

    @PostConstruct
    void routes() {
        router = new EventRouter(rejected)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, this::apply);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        records.forEach(router::route);
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
