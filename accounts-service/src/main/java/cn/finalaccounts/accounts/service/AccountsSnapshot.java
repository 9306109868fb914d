package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.OrgNodeVersion;
import cn.finalaccounts.accounts.persistence.ReportStore;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.workflow.ReportState;
import cn.finalaccounts.support.snapshot.SnapshotPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Everything a 汇总 is built from, re-published: every node of the tree (removed ones too) at its current revision,
 * and for every unit and year the versions the two views count — the newest version ever approved (as approved)
 * and the newest version submitted after it (as submitted). A return does not take an approved version out of the
 * approved view (its figures count until the correction is approved), so the approved version is found in the
 * append-only transitions, not in the version's current state.
 */
@ApplicationScoped
public class AccountsSnapshot implements SnapshotPublisher {
    /** Unit-years per transaction: each writes two report events at most, tens of kilobytes each. */
    private static final int CHUNK = 100;

    @Inject
    OrgTreeService tree;

    @Inject
    ReportEvents events;

    @Inject
    CountedVersions countedVersions;

    @Inject
    ReportStore store;

    /**
     * Nodes per transaction. The whole tree in one transaction held every node, its history and its event at once:
     * at 100,000 units that ran accounts-service out of its heap (docs/benchmarks.md, the scale curve).
     */
    @ConfigProperty(name = "fa.snapshot.nodes-per-transaction", defaultValue = "500")
    int nodesPerTransaction;

    @Override
    public long publish() {
        long written = publishNodes();
        List<CountedVersions.Counted> counted = QuarkusTransaction.requiringNew().call(countedVersions::all);
        for (int i = 0; i < counted.size(); i += CHUNK) {
            List<CountedVersions.Counted> chunk = counted.subList(i, Math.min(counted.size(), i + CHUNK));
            written += QuarkusTransaction.requiringNew().call(() -> publishReports(chunk));
        }
        return written;
    }

    /**
     * Parents before their children, so a consumer reading one partition in order meets the tree top down: the order
     * is taken from every node's code and parent first, then the nodes are published in that order a chunk at a time.
     * A node changed in between is published as it then stands; its event carries its revision, which consumers
     * compare, as for any event.
     */
    private long publishNodes() {
        List<String> topDown = QuarkusTransaction.requiringNew().call(AccountsSnapshot::codesTopDown);
        int chunk = Math.max(1, nodesPerTransaction);
        for (int i = 0; i < topDown.size(); i += chunk) {
            List<String> codes = topDown.subList(i, Math.min(topDown.size(), i + chunk));
            QuarkusTransaction.requiringNew().run(() -> publishNodes(codes));
        }
        return topDown.size();
    }

    private static List<String> codesTopDown() {
        Map<String, String> parentOf = new HashMap<>();
        OrgNode.getEntityManager().createQuery("select n.code, n.parentCode from OrgNode n", Object[].class)
                .getResultStream().forEach(row -> parentOf.put((String) row[0], (String) row[1]));
        List<String> codes = new ArrayList<>(parentOf.keySet());
        Map<String, Integer> depths = new HashMap<>();
        codes.forEach(c -> depths.put(c, depth(c, parentOf)));
        codes.sort(Comparator.comparingInt((String c) -> depths.get(c)).thenComparing(c -> c));
        return codes;
    }

    private void publishNodes(List<String> codes) {
        Map<String, OrgNode> nodes = new HashMap<>();
        OrgNode.<OrgNode>list("code in ?1", codes).forEach(n -> nodes.put(n.code, n));
        Map<String, NodeHistory> histories = OrgNodeVersion.historiesOf(codes);
        for (String code : codes) {
            OrgNode node = nodes.get(code);
            if (node != null) { // gone since the order was taken: nothing to publish
                tree.publish(node, histories.get(code));
            }
        }
    }

    private static int depth(String code, Map<String, String> parentOf) {
        int depth = 0;
        for (String c = parentOf.get(code); c != null && parentOf.containsKey(c) && depth < 64; c = parentOf.get(c)) {
            depth++;
        }
        return depth;
    }

    /**
     * The events name the versions' stored bodies (the relay splices them in), so the chunk reads only the working
     * copies' revisions and the versions' row ids, in one query: loading every report and version whole made the
     * snapshot most of a rebuild (49 of 63 s at 10,000 units, docs/benchmarks.md).
     */
    private long publishReports(List<CountedVersions.Counted> chunk) {
        Map<String, ReportStore.Versions> versions = new HashMap<>();
        store.versionsOf(chunk.stream().map(CountedVersions.Counted::unit).distinct().toList())
                .forEach(v -> versions.put(v.unit() + "|" + v.year(), v));
        long written = 0;
        for (CountedVersions.Counted c : chunk) {
            ReportStore.Versions v = versions.get(c.unit() + "|" + c.year());
            if (c.approved() != null) {
                written += publish(v, c.approved(), ReportState.APPROVED);
            }
            if (c.approved() == null || c.latest() > c.approved()) {
                written += publish(v, c.latest(), ReportState.SUBMITTED);
            }
        }
        return written;
    }

    private int publish(ReportStore.Versions versions, int version, ReportState countedAs) {
        Long id = versions.ids().get(version);
        if (id == null) {
            throw new IllegalStateException("version " + version + " of " + versions.unit() + " " + versions.year()
                    + " is counted but not stored");
        }
        events.versionCounted(versions.unit(), versions.year(), versions.revision(), version, id, countedAs);
        return 1;
    }
}
