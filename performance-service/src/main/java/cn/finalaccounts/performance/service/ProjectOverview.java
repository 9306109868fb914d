package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.performance.ExecutionRate;
import cn.finalaccounts.fiscal.performance.FundingSource;
import cn.finalaccounts.fiscal.workflow.CountedView;
import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.performance.persistence.ReportFiguresStore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * All projects of a unit and year, their totals (the group's 执行率 is Σ spent / Σ budget, never an average of
 * rates), and the reconciliation of the 财政拨款-funded projects' spending with the unit's 决算 项目支出.
 */
@ApplicationScoped
public class ProjectOverview {
    @Inject
    ProjectEvaluation evaluation;

    @Inject
    ReportFiguresStore figures;

    @ConfigProperty(name = "fa.performance.reconciliation-tolerance", defaultValue = "0.01")
    BigDecimal tolerance;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Overview(String unit, int year, String amountUnit, List<ProjectEvaluation.Evaluated> projects,
            Totals totals, Reconciliation reconciliation) {
    }

    public record Totals(int projects, String fullYearBudget, String spent, String executionRate, int behindSchedule,
            int overBudget) {
    }

    /**
     * Σ spending of the projects funded by 财政拨款 against the 项目支出 of the unit's latest approved report (or,
     * before approval, its latest submitted one): 03表 (all funds) and 05表 (general budget).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reconciliation(String projectSpending, String reportView, Long reportVersion, String table03,
            String table05, String differenceTo03, String differenceTo05, String tolerance, boolean flagged,
            String note) {
    }

    public Overview of(String unit, int year, LocalDate asOf) {
        List<Project> projects = Project.of(unit, year);
        List<ProjectEvaluation.Evaluated> evaluated = projects.stream().map(p -> evaluation.evaluate(p, asOf)).toList();
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal spent = BigDecimal.ZERO;
        BigDecimal appropriationSpent = BigDecimal.ZERO;
        for (int i = 0; i < projects.size(); i++) {
            BigDecimal s = new BigDecimal(evaluated.get(i).spent());
            budget = budget.add(projects.get(i).fullYearBudget);
            spent = spent.add(s);
            if (FundingSource.parse(projects.get(i).fundingSource).map(FundingSource::appropriation).orElse(false)) {
                appropriationSpent = appropriationSpent.add(s);
            }
        }
        Totals totals = new Totals(projects.size(), Amounts.format(budget), Amounts.format(spent),
                ExecutionRate.percent(spent, budget).map(BigDecimal::toPlainString).orElse(null),
                (int) evaluated.stream().filter(ProjectEvaluation.Evaluated::behindSchedule).count(),
                (int) evaluated.stream().filter(ProjectEvaluation.Evaluated::overBudget).count());
        return new Overview(unit, year, "万元", evaluated, totals, reconcile(unit, year, appropriationSpent));
    }

    private Reconciliation reconcile(String unit, int year, BigDecimal projectSpending) {
        Optional<ReportFiguresStore.ProjectSpendingFigures> f = figures.find(unit, year, CountedView.APPROVED)
                .or(() -> figures.find(unit, year, CountedView.SUBMITTED));
        if (f.isEmpty()) {
            return new Reconciliation(Amounts.format(projectSpending), null, null, null, null, null, null,
                    Amounts.format(tolerance), false, "no submitted or approved 决算 of the unit yet");
        }
        BigDecimal t03 = orZero(f.get().table03());
        BigDecimal t05 = orZero(f.get().table05());
        BigDecimal d03 = projectSpending.subtract(t03);
        BigDecimal d05 = projectSpending.subtract(t05);
        boolean flagged = d03.abs().compareTo(tolerance) > 0 || d05.abs().compareTo(tolerance) > 0;
        return new Reconciliation(Amounts.format(projectSpending), f.get().view().id(), f.get().version(),
                Amounts.format(t03), Amounts.format(t05), Amounts.format(d03), Amounts.format(d05),
                Amounts.format(tolerance), flagged, flagged ? "project spending and the 决算's 项目支出 differ by more"
                        + " than the tolerance: check for a missing or misclassified spending record" : null);
    }

    private static BigDecimal orZero(BigDecimal v) {
        return v == null ? BigDecimal.ZERO : v;
    }
}
