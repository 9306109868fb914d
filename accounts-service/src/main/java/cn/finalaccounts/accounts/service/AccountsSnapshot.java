package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.ReportVersion;
import cn.finalaccounts.accounts.persistence.UnitReport;
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
        Map<String, OrgNode> byCode = new HashMap<>();
        nodes.forEach(n -> byCode.put(n.code, n));
        nodes.sort(Comparator.comparingInt((OrgNode n) -> depth(n, byCode)).thenComparing(n -> n.code));
        nodes.forEach(tree::publish);
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

    private long publishReports(List<CountedVersions.Counted> chunk) {
        long written = 0;
        for (CountedVersions.Counted c : chunk) {
            UnitReport report = UnitReport.of(c.unit(), c.year()).orElseThrow();
            if (c.approved() != null) {
                written += publish(report, c.approved(), ReportState.APPROVED);
            }
            if (c.approved() == null || c.latest() > c.approved()) {
                written += publish(report, c.latest(), ReportState.SUBMITTED);
            }
        }
        return written;
    }

    private int publish(UnitReport report, int version, ReportState countedAs) {
        ReportVersion v = ReportVersion.of(report.unitCode, report.year, version).orElseThrow();
        events.versionCounted(report, v, countedAs);
        return 1;
    }
}
