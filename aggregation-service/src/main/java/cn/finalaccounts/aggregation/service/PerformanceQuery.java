package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.aggregation.persistence.PerformanceStore;
import cn.finalaccounts.aggregation.persistence.PerformanceStore.FundRow;
import cn.finalaccounts.aggregation.persistence.PerformanceStore.ProjectRow;
import cn.finalaccounts.aggregation.persistence.OrgNode;
import cn.finalaccounts.aggregation.persistence.OrgNodeVersion;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.performance.ExecutionRate;
import cn.finalaccounts.fiscal.performance.FundChecks;
import cn.finalaccounts.fiscal.performance.FundStatistics;
import cn.finalaccounts.fiscal.performance.SocialInsuranceFund;
import cn.finalaccounts.support.problem.NotFoundProblem;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Project funds and fund statistics summed per node. A group's 执行率 is Σ 全年执行数 / Σ 全年预算数 — never an
 * average of the projects' rates; fund statistics are summed by fund and level over the regions in the node, and
 * the sums are checked (市本级 and counties ≤ 全市).
 */
@ApplicationScoped
public class PerformanceQuery {
    private static final List<String> GRADES = List.of("优", "良", "中", "差");

    @Inject
    PerformanceStore store;

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProjectSummary(String node, int year, String amountUnit, int units, int projects, String fullYearBudget,
            String spent, String executionRate, int behindSchedule, int overBudget, Map<String, Integer> scoreDistribution,
            List<UnitProjects> byUnit, List<String> projectsBehindSchedule) {
    }

    public record UnitProjects(String unit, int projects, String fullYearBudget, String spent, String executionRate) {
    }

    public record FundSummary(String node, int year, String peopleUnit, String amountUnit, List<FundSums> funds) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FundSums(String fund, String fundLabel, int regions, List<LevelSums> levels,
            List<FundChecks.FundFinding> findings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LevelSums(String level, String insured, String totalIncome, String premiumIncome, String totalExpense,
            String benefitExpense, String balance) {
    }

    public ProjectSummary projects(String nodeCode, int year) {
        existing(nodeCode);
        List<String> units = OrgNodeVersion.unitsUnder(nodeCode, year).stream().map(n -> n.code).toList();
        List<ProjectRow> rows = store.projects(units, year);
        Map<String, Integer> grades = new LinkedHashMap<>();
        GRADES.forEach(g -> grades.put(g, 0));
        grades.put("未评分", 0);
        Map<String, List<ProjectRow>> byUnit = new LinkedHashMap<>();
        BigDecimal budget = BigDecimal.ZERO;
        BigDecimal spent = BigDecimal.ZERO;
        int behind = 0;
        int over = 0;
        List<String> behindList = new ArrayList<>();
        for (ProjectRow r : rows) {
            budget = budget.add(r.fullYearBudget());
            spent = spent.add(r.spent());
            grades.merge(r.grade() == null ? "未评分" : r.grade(), 1, Integer::sum);
            if (r.behind()) {
                behind++;
                behindList.add(r.unit() + "/" + r.project() + " " + r.name());
            }
            if (r.spent().compareTo(r.fullYearBudget()) > 0) {
                over++;
            }
            byUnit.computeIfAbsent(r.unit(), u -> new ArrayList<>()).add(r);
        }
        List<UnitProjects> units2 = new ArrayList<>();
        byUnit.forEach((u, list) -> {
            BigDecimal b = list.stream().map(ProjectRow::fullYearBudget).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal s = list.stream().map(ProjectRow::spent).reduce(BigDecimal.ZERO, BigDecimal::add);
            units2.add(new UnitProjects(u, list.size(), Amounts.format(b), Amounts.format(s),
                    ExecutionRate.percent(s, b).map(BigDecimal::toPlainString).orElse(null)));
        });
        return new ProjectSummary(nodeCode, year, "万元", byUnit.size(), rows.size(), Amounts.format(budget),
                Amounts.format(spent), ExecutionRate.percent(spent, budget).map(BigDecimal::toPlainString).orElse(null),
                behind, over, grades, units2, behindList);
    }

    public FundSummary funds(String nodeCode, int year) {
        OrgNode node = existing(nodeCode);
        List<String> regions = new ArrayList<>();
        if ("region".equals(node.kind)) {
            regions.add(nodeCode);
        }
        OrgNodeVersion.descendantsOf(List.of(nodeCode), year).stream().filter(n -> "region".equals(n.kind))
                .forEach(n -> regions.add(n.code));
        Map<String, List<FundRow>> byFund = new LinkedHashMap<>();
        for (FundRow r : store.funds(regions, year)) {
            byFund.computeIfAbsent(r.fund(), f -> new ArrayList<>()).add(r);
        }
        List<FundSums> funds = new ArrayList<>();
        byFund.forEach((fundId, rows) -> {
            SocialInsuranceFund fund = SocialInsuranceFund.parse(fundId).orElse(null);
            if (fund == null) {
                return;
            }
            Map<String, List<FundRow>> byLevel = new LinkedHashMap<>();
            rows.forEach(r -> byLevel.computeIfAbsent(r.level(), l -> new ArrayList<>()).add(r));
            List<LevelSums> levels = new ArrayList<>();
            List<FundStatistics> sums = new ArrayList<>();
            byLevel.forEach((level, list) -> {
                FundStatistics s = new FundStatistics(fund, level, sum(list, FundRow::insured), sum(list, FundRow::active),
                        sum(list, FundRow::retired), sum(list, FundRow::totalIncome), sum(list, FundRow::premiumIncome),
                        sum(list, FundRow::totalExpense), sum(list, FundRow::benefitExpense), sum(list, FundRow::balance));
                sums.add(s);
                levels.add(new LevelSums(level, text(s.insured()), text(s.totalIncome()), text(s.premiumIncome()),
                        text(s.totalExpense()), text(s.benefitExpense()), text(s.balance())));
            });
            funds.add(new FundSums(fund.id(), fund.label(), (int) rows.stream().map(FundRow::region).distinct().count(),
                    levels, FundChecks.partsWithinWhole(sums)));
        });
        return new FundSummary(nodeCode, year, "万人", "万元", funds);
    }

    private static BigDecimal sum(List<FundRow> rows, Function<FundRow, BigDecimal> figure) {
        BigDecimal total = null;
        for (FundRow r : rows) {
            BigDecimal v = figure.apply(r);
            if (v != null) {
                total = total == null ? v : total.add(v);
            }
        }
        return total;
    }

    private static String text(BigDecimal v) {
        return v == null ? null : Amounts.format(v);
    }

    private static OrgNode existing(String code) {
        OrgNode node = OrgNode.findById(code);
        if (node == null) {
            throw new NotFoundProblem("no node has the code '" + code + "'");
        }
        return node;
    }
}
