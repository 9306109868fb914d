package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.performance.ExecutionRate;
import cn.finalaccounts.fiscal.performance.Indicator;
import cn.finalaccounts.fiscal.performance.SchedulePlan;
import cn.finalaccounts.fiscal.performance.SelfEvaluation;
import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.performance.persistence.ProjectIndicator;
import cn.finalaccounts.performance.persistence.ProjectSpending;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** A project as a reviewer reads it: spending, 执行率 with its denominator, 序时进度, indicators and 自评 score. */
@ApplicationScoped
public class ProjectEvaluation {
    @ConfigProperty(name = "fa.performance.schedule-margin-points", defaultValue = "10")
    BigDecimal marginPoints;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Evaluated(String project, String name, String fundingSource, String initialBudget,
            String fullYearBudget, String spent, String executionRate, String executionRateDenominator,
            String rateVsInitialBudget, boolean overBudget, String overBudgetNote, String executionScore,
            List<ScoredIndicator> indicators, String totalScore, String grade, Schedule schedule,
            List<Spending> spending, String goal, long revision) {

        boolean behindSchedule() {
            return schedule != null && schedule.behind();
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ScoredIndicator(String level1, String level2, String level3, String kind, String direction,
            String target, String actual, String achievement, String weight, boolean applicable, String score) {
    }

    /** 序时进度 up to {@code asOf}: each month's expected and actual share, and whether the latest month is behind. */
    public record Schedule(String asOf, String marginPoints, boolean behind, List<SchedulePlan.Month> months) {
    }

    public record Spending(String date, String amount, String memo) {
    }

    /** @param asOf the day the schedule is judged on; null: today, or the year's end for a past year */
    public Evaluated evaluate(Project p, LocalDate asOf) {
        List<ProjectSpending> records = ProjectSpending.of(p.id);
        BigDecimal spent = records.stream().map(s -> s.amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        Optional<BigDecimal> rate = ExecutionRate.percent(spent, p.fullYearBudget);
        Optional<BigDecimal> executionScore = SelfEvaluation.executionScore(spent, p.fullYearBudget);
        List<Indicator> indicators = new ArrayList<>();
        List<ScoredIndicator> scored = new ArrayList<>();
        for (ProjectIndicator i : ProjectIndicator.of(p.id)) {
            Indicator ind = new Indicator(i.level1, i.level2, i.level3, Indicator.Kind.valueOf(i.kind),
                    i.direction == null ? null : Indicator.Direction.valueOf(i.direction), i.target, i.actual,
                    i.achievement == null ? null : Indicator.Achievement.parse(i.achievement).orElse(null), i.weight,
                    i.applicable);
            indicators.add(ind);
            scored.add(new ScoredIndicator(i.level1, i.level2, i.level3,
                    ind.kind() == Indicator.Kind.QUALITATIVE ? "定性" : "定量",
                    ind.direction() == null ? null : ind.direction() == Indicator.Direction.POSITIVE ? "正向" : "反向",
                    plain(i.target), plain(i.actual), i.achievement, plain(i.weight), i.applicable,
                    ind.score().map(s -> SelfEvaluation.shown(s).toPlainString()).orElse(null)));
        }
        Optional<BigDecimal> total = SelfEvaluation.total(indicators, executionScore);
        LocalDate judgedOn = asOf != null ? asOf
                : LocalDate.now().getYear() > p.year ? LocalDate.of(p.year, 12, 31) : LocalDate.now();
        List<SchedulePlan.Month> months = SchedulePlan.months(p.year, p.fullYearBudget,
                records.stream().map(s -> new SchedulePlan.Spending(s.spentOn, s.amount)).toList(), judgedOn, marginPoints);
        boolean over = spent.compareTo(p.fullYearBudget) > 0;
        return new Evaluated(p.code, p.name, p.fundingSource, Amounts.format(p.initialBudget),
                Amounts.format(p.fullYearBudget), Amounts.format(spent), rate.map(BigDecimal::toPlainString).orElse(null),
                "全年预算数", ExecutionRate.percent(spent, p.initialBudget).map(BigDecimal::toPlainString).orElse(null),
                over, over ? "spent " + Amounts.format(spent) + " against a full-year budget of "
                        + Amounts.format(p.fullYearBudget) + " (" + Amounts.format(spent.subtract(p.fullYearBudget))
                        + " over): recorded as spent; the score counts at most 100 % and the overrun must be explained"
                        : null,
                executionScore.map(s -> SelfEvaluation.shown(s).toPlainString()).orElse(null), scored,
                total.map(s -> SelfEvaluation.shown(s).toPlainString()).orElse(null),
                total.map(SelfEvaluation::grade).orElse(null),
                months.isEmpty() ? null : new Schedule(judgedOn.toString(), marginPoints.toPlainString(),
                        SchedulePlan.latest(months).map(SchedulePlan.Month::behind).orElse(false), months),
                records.stream().map(s -> new Spending(s.spentOn.toString(), Amounts.format(s.amount), s.memo)).toList(),
                p.goal, p.revision);
    }

    private static String plain(BigDecimal v) {
        return v == null ? null : v.stripTrailingZeros().toPlainString();
    }
}
