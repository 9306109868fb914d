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
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    @Override
    public long publish() {
        long written = QuarkusTransaction.requiringNew().call(this::publishNodes);
        List<CountedVersions.Counted> counted = QuarkusTransaction.requiringNew().call(countedVersions::all);
        for (int i = 0; i < counted.size(); i += CHUNK) {
            List<CountedVersions.Counted> chunk = counted.subList(i, Math.min(counted.size(), i + CHUNK));
            written += QuarkusTransaction.requiringNew().call(() -> publishReports(chunk));
        }
        return written;
    }

    /** Parents before their children, so a consumer reading one partition in order meets the tree top down. */
    private long publishNodes() {
        List<OrgNode> nodes = OrgNode.listAll();
        Map<String, NodeHistory> histories = OrgNodeVersion.histories();
        Map<String, OrgNode> byCode = new HashMap<>();
        nodes.forEach(n -> byCode.put(n.code, n));
        nodes.sort(Comparator.comparingInt((OrgNode n) -> depth(n, byCode)).thenComparing(n -> n.code));
        nodes.forEach(n -> tree.publish(n, histories.get(n.code)));
        return nodes.size();
    }

    private static int depth(OrgNode node, Map<String, OrgNode> byCode) {
        int depth = 0;
        for (OrgNode n = node; n.parentCode != null && byCode.containsKey(n.parentCode) && depth < 64;
                n = byCode.get(n.parentCode)) {
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
