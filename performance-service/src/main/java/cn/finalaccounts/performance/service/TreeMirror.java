package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.UndecodableEventException;
import cn.finalaccounts.performance.persistence.KnownNode;
import cn.finalaccounts.support.consumer.EventRouter;
import cn.finalaccounts.support.consumer.RejectedEventStore;
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
public class TreeMirror {
    @Inject
    RejectedEventStore rejected;

    private EventRouter router;

    @PostConstruct
    void routes() {
        router = new EventRouter(rejected)
                .on(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, OrgNodeChanged.class, this::apply);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void apply(List<ConsumerRecord<String, String>> records) {
        records.forEach(router::route);
    }

    private void apply(OrgNodeChanged event) {
        if (event.code() == null || event.kind() == null || event.name() == null) {
            throw new UndecodableEventException("OrgNodeChanged without code, kind or name");
        }
        KnownNode node = KnownNode.findById(event.code());
        if (node != null && event.revision() <= node.revision) {
            return;
        }
        boolean created = node == null;
        if (created) {
            node = new KnownNode();
            node.code = event.code();
        }
        node.name = event.name();
        node.kind = event.kind().id();
        node.unitType = event.unitType() == null ? null : event.unitType().label();
        node.parentCode = event.parentCode();
        node.revision = event.revision();
        if (created) {
            node.persist();
        }
    }
}
