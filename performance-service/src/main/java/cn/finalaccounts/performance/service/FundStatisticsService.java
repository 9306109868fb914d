package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.events.FundStatisticsChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.money.AmountInput;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.performance.FundChecks;
import cn.finalaccounts.fiscal.performance.FundStatistics;
import cn.finalaccounts.fiscal.performance.SocialInsuranceFund;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.performance.persistence.FundRecord;
import cn.finalaccounts.performance.persistence.OrgNode;
import cn.finalaccounts.support.outbox.OutboxWriter;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Caller;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps the social-insurance fund statistics of a region, level by level, checks them (E1–E2) and compares them
 * with last year. A level whose parts do not add up is refused; a part larger than the whole is a warning.
 */
@ApplicationScoped
public class FundStatisticsService {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    @Inject
    OutboxWriter outbox;

    @Inject
    WriteAudit audit;

    public record Outcome(FundRecord record, boolean created) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FundView(int year, String region, String fund, String fundLabel, String peopleUnit, String amountUnit,
            String activeLabel, String retiredLabel, String benefitLabel, List<LevelView> levels,
            List<FundChecks.FundFinding> findings) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record LevelView(String level, String insured, String active, String retired, String totalIncome,
            String premiumIncome, String totalExpense, String benefitExpense, String balance, long revision,
            Map<String, Change> yearOverYear) {
    }

    /** Change against the same level last year; percent is absent when last year's figure was zero. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(String lastYear, String change, String percent) {
    }

    /** The caller has been let through (WRITE_FUNDS on the region); they are named on the audit line. */
    @Transactional
    public Outcome upsert(Caller caller, int year, String region, String fundId, FundInput in) {
        if (!FiscalYears.isValid(year)) {
            throw new InvalidInputException("year", FiscalYears.invalidReason(year));
        }
        OrgNode node = OrgNode.findById(region);
        if (node == null || !"region".equals(node.kind)) {
            throw new NotFoundProblem("performance-service knows no region '" + region + "'");
        }
        SocialInsuranceFund fund = fund(fundId);
        if (in == null) {
            throw new InvalidInputException("$", "required: one level of the fund's statistics");
        }
        List<Violation> v = new ArrayList<>();
        if (!FundStatistics.validLevel(in.level())) {
            v.add(new Violation("level", "required: 全市, 市本级 or a county's six-digit code"));
        } else if (!in.level().equals(FundStatistics.WHOLE_REGION) && !in.level().equals(FundStatistics.CITY_LEVEL)
                && !isCountyOf(in.level(), region)) {
            // A county's figures are read in the tree's terms (汇总 by region): a code the tree does not hold under
            // this region would be a level nobody can place.
            v.add(new Violation("level", "'" + in.level() + "' is no county (区县) of " + region + " in the organisation"
                    + " tree; register the county under " + region + " first"));
        }
        BigDecimal insured = optional(in.insured(), "insured", v);
        BigDecimal active = optional(in.active(), "active", v);
        BigDecimal retired = optional(in.retired(), "retired", v);
        BigDecimal totalIncome = AmountInput.parseNonNegative(in.totalIncome(), "totalIncome", v);
        BigDecimal premium = optional(in.premiumIncome(), "premiumIncome", v);
        BigDecimal totalExpense = AmountInput.parseNonNegative(in.totalExpense(), "totalExpense", v);
        BigDecimal benefit = optional(in.benefitExpense(), "benefitExpense", v);
        BigDecimal balance = optional(in.balance(), "balance", v);
        if (fund.membersAddUp() && active != null && retired != null) {
            if (insured == null) {
                insured = active.add(retired);
            } else if (insured.compareTo(active.add(retired)) != 0) {
                v.add(new Violation("insured", "参保人数 " + Amounts.format(insured) + " ≠ " + fund.activeLabel() + " "
                        + Amounts.format(active) + " + " + fund.retiredLabel() + " " + Amounts.format(retired)));
            }
        }
        if (premium != null && totalIncome != null && premium.compareTo(totalIncome) > 0) {
            v.add(new Violation("premiumIncome", "a part of 总收入 cannot exceed it"));
        }
        if (benefit != null && totalExpense != null && benefit.compareTo(totalExpense) > 0) {
            v.add(new Violation("benefitExpense", "a part of 总支出 cannot exceed it"));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        FundRecord r = FundRecord.of(year, region, fund.id(), in.level()).orElse(null);
        boolean created = r == null;
        long revisionBefore = created ? 0 : r.revision;
        if (!created && same(r.insured, insured) && same(r.active, active) && same(r.retired, retired)
                && same(r.totalIncome, totalIncome) && same(r.premiumIncome, premium) && same(r.totalExpense, totalExpense)
                && same(r.benefitExpense, benefit) && same(r.balance, balance)) {
            return new Outcome(r, false);
        }
        if (created) {
            r = new FundRecord();
            r.year = year;
            r.region = region;
            r.fund = fund.id();
            r.level = in.level();
        }
        r.insured = insured;
        r.active = active;
        r.retired = retired;
        r.totalIncome = totalIncome;
        r.premiumIncome = premium;
        r.totalExpense = totalExpense;
        r.benefitExpense = benefit;
        r.balance = balance;
        r.revision++;
        r.updatedAt = Instant.now();
        if (created) {
            r.persist();
        }
        publish(r);
        audit.fund(caller, r, created, revisionBefore);
        return new Outcome(r, created);
    }

    /** A region node of the tree, not removed, directly under {@code region}. */
    private static boolean isCountyOf(String code, String region) {
        OrgNode county = OrgNode.findById(code);
        return county != null && !county.removed && "region".equals(county.kind) && region.equals(county.parentCode);
    }

    void publish(FundRecord r) {
        outbox.append(Topics.PERFORMANCE_FUNDS, r.region, FundStatisticsChanged.TYPE,
                FundStatisticsChanged.CONTRACT_VERSION, new FundStatisticsChanged(r.year, r.region, r.fund, r.level,
                        text(r.insured), text(r.active), text(r.retired), text(r.totalIncome), text(r.premiumIncome),
                        text(r.totalExpense), text(r.benefitExpense), text(r.balance), r.revision));
    }

    public FundView view(int year, String region, String fundId) {
        SocialInsuranceFund fund = fund(fundId);
        List<FundRecord> records = FundRecord.of(year, region, fund.id());
        if (records.isEmpty()) {
            throw new NotFoundProblem("no statistics of " + fund.label() + " for " + region + " in " + year);
        }
        Map<String, FundStatistics> lastYear = new LinkedHashMap<>();
        FundRecord.of(year - 1, region, fund.id()).forEach(r -> lastYear.put(r.level, r.statistics()));
        List<FundStatistics> levels = records.stream().map(FundRecord::statistics).toList();
        List<FundChecks.FundFinding> findings = new ArrayList<>(FundChecks.partsWithinWhole(levels));
        findings.addAll(FundChecks.balanceCarriesOver(levels, lastYear));
        List<LevelView> views = new ArrayList<>();
        for (FundRecord r : records) {
            views.add(new LevelView(r.level, text(r.insured), text(r.active), text(r.retired), text(r.totalIncome),
                    text(r.premiumIncome), text(r.totalExpense), text(r.benefitExpense), text(r.balance), r.revision,
                    yearOverYear(r.statistics(), lastYear.get(r.level))));
        }
        return new FundView(year, region, fund.id(), fund.label(), "万人", "万元", fund.activeLabel(), fund.retiredLabel(),
                fund.benefitLabel(), views, findings);
    }

    public List<FundView> views(int year, String region) {
        List<String> funds = FundRecord.of(year, region).stream().map(r -> r.fund).distinct().toList();
        return funds.stream().map(f -> view(year, region, f)).toList();
    }

    private static Map<String, Change> yearOverYear(FundStatistics now, FundStatistics before) {
        if (before == null) {
            return null;
        }
        Map<String, Change> out = new LinkedHashMap<>();
        put(out, "insured", now.insured(), before.insured());
        put(out, "totalIncome", now.totalIncome(), before.totalIncome());
        put(out, "totalExpense", now.totalExpense(), before.totalExpense());
        put(out, "balance", now.balance(), before.balance());
        return out;
    }

    private static void put(Map<String, Change> out, String name, BigDecimal now, BigDecimal before) {
        if (now == null || before == null) {
            return;
        }
        BigDecimal change = now.subtract(before);
        out.put(name, new Change(Amounts.format(before), Amounts.format(change), before.signum() == 0 ? null
                : change.multiply(HUNDRED).divide(before, 2, RoundingMode.HALF_UP).toPlainString()));
    }

    private static SocialInsuranceFund fund(String id) {
        return SocialInsuranceFund.parse(id).orElseThrow(() -> new InvalidInputException("fund", "'" + id
                + "' is not a fund; use enterprise-pension (企业职工基本养老保险), public-pension (机关事业单位养老保险),"
                + " occupational-annuity (职业年金) or work-injury (工伤保险)"));
    }

    private static BigDecimal optional(JsonNode node, String field, List<Violation> v) {
        return node == null || node.isNull() ? null : AmountInput.parseNonNegative(node, field, v);
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static String text(BigDecimal v) {
        return v == null ? null : Amounts.format(v);
    }

}
