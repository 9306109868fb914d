package cn.finalaccounts.performance.service;

import cn.finalaccounts.performance.persistence.FundRecord;
import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.support.snapshot.SnapshotPublisher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/** Every project fund and every fund statistics record re-published at its current revision. */
@ApplicationScoped
public class PerformanceSnapshot implements SnapshotPublisher {
    /** Records per transaction. */
    private static final int CHUNK = 200;

    @Inject
    ProjectService projects;

    @Inject
    FundStatisticsService funds;

    @Override
    public long publish() {
        List<Long> projectIds = QuarkusTransaction.requiringNew().call(
                () -> Project.<Project>listAll().stream().map(p -> p.id).sorted().toList());
        for (int i = 0; i < projectIds.size(); i += CHUNK) {
            List<Long> chunk = projectIds.subList(i, Math.min(projectIds.size(), i + CHUNK));
            QuarkusTransaction.requiringNew().run(() -> chunk.forEach(id -> projects.publish(Project.findById(id))));
        }
        List<Long> fundIds = QuarkusTransaction.requiringNew().call(
                () -> FundRecord.<FundRecord>listAll().stream().map(f -> f.id).sorted().toList());
        for (int i = 0; i < fundIds.size(); i += CHUNK) {
            List<Long> chunk = fundIds.subList(i, Math.min(fundIds.size(), i + CHUNK));
            QuarkusTransaction.requiringNew().run(() -> chunk.forEach(id -> funds.publish(FundRecord.findById(id))));
        }
        return projectIds.size() + fundIds.size();
    }
}
