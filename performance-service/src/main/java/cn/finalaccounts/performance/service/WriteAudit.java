package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.performance.persistence.FundRecord;
import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.performance.persistence.ProjectIndicator;
import cn.finalaccounts.performance.persistence.ProjectSpending;
import cn.finalaccounts.support.security.AuditTrail;
import cn.finalaccounts.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The audit lines of performance-service's writes (project.put, spending.add, fund.put). Called by the services
 * inside the transaction of the write, so a line exists exactly when the write does. The digest is of the values
 * as stored (amounts normalised), so sending "105" and later "105.00" is recognisably the same content.
 */
@ApplicationScoped
public class WriteAudit {
    @Inject
    AuditTrail trail;

    void project(Caller caller, Project p, List<ProjectIndicator> indicators, boolean created, long revisionBefore) {
        String content = Stream.concat(Stream.of(p.name, p.fundingSource, amount(p.initialBudget),
                amount(p.fullYearBudget), p.goal), indicators.stream().map(WriteAudit::indicator))
                .map(String::valueOf).collect(Collectors.joining("|"));
        trail.record(caller, "project.put", projectPath(p), p.unitCode,
                change(created, revisionBefore, p.revision) + ", " + AuditTrail.digest(content));
    }

    void spending(Caller caller, Project p, ProjectSpending s, long revisionBefore) {
        trail.record(caller, "spending.add", projectPath(p) + "/spending", p.unitCode, "spending " + s.id + ": "
                + amount(s.amount) + " 万元 on " + s.spentOn + "; project revision " + revisionBefore + " → "
                + p.revision);
    }

    void fund(Caller caller, FundRecord r, boolean created, long revisionBefore) {
        String content = Stream.of(r.level, amount(r.insured), amount(r.active), amount(r.retired),
                amount(r.totalIncome), amount(r.premiumIncome), amount(r.totalExpense), amount(r.benefitExpense),
                amount(r.balance)).map(String::valueOf).collect(Collectors.joining("|"));
        trail.record(caller, "fund.put", "funds/" + r.year + "/" + r.region + "/" + r.fund, r.region,
                "level " + r.level + ": " + change(created, revisionBefore, r.revision) + ", "
                        + AuditTrail.digest(content));
    }

    private static String projectPath(Project p) {
        return "units/" + p.unitCode + "/projects/" + p.year + "/" + p.code;
    }

    private static String change(boolean created, long before, long after) {
        return created ? "created at revision " + after : "revision " + before + " → " + after;
    }

    private static String indicator(ProjectIndicator i) {
        return Stream.of(i.level1, i.level2, i.level3, i.kind, i.direction, amount(i.target), amount(i.actual),
                i.achievement, amount(i.weight), i.applicable).map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String amount(BigDecimal v) {
        return v == null ? null : Amounts.format(v);
    }
}
