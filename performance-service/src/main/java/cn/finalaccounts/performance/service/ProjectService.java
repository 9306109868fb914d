package cn.finalaccounts.performance.service;

import cn.finalaccounts.fiscal.events.ProjectChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountCeiling;
import cn.finalaccounts.fiscal.money.AmountInput;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.performance.FundingSource;
import cn.finalaccounts.fiscal.performance.Indicator;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.json.UnicodeText;
import cn.finalaccounts.performance.persistence.OrgNode;
import cn.finalaccounts.performance.persistence.Project;
import cn.finalaccounts.performance.persistence.ProjectIndicator;
import cn.finalaccounts.performance.persistence.ProjectSpending;
import cn.finalaccounts.support.outbox.OutboxWriter;
import cn.finalaccounts.support.problem.ConflictProblem;
import cn.finalaccounts.support.problem.NotFoundProblem;
import cn.finalaccounts.support.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a unit's project funds: registers or re-budgets a project with its indicators, records spending through
 * the year. Every change publishes a {@link ProjectChanged} through the outbox in the same transaction. Spending
 * past the budget is accepted, as real life requires, and shown as such.
 */
@ApplicationScoped
public class ProjectService {
    /** project.goal is VARCHAR(2000). */
    private static final int MAX_GOAL = 2000;
    /** 权重: points out of 100 (project_indicator.weight is DECIMAL(6, 2)). */
    private static final BigDecimal MAX_WEIGHT = BigDecimal.valueOf(100);

    @Inject
    OutboxWriter outbox;

    @Inject
    ProjectEvaluation evaluation;

    @Inject
    WriteAudit audit;

    public record Outcome(Project project, boolean created) {
    }

    /** The caller has been let through (WRITE_PROJECTS on the unit); they are named on the audit line. */
    @Transactional
    public Outcome upsert(Caller caller, String unitCode, int year, String code, ProjectInput input) {
        requireYear(year);
        requireUnit(unitCode);
        List<Violation> v = new ArrayList<>();
        Identifier.PROJECT_CODE.check("projectCode", code, v);
        if (input == null) {
            throw new InvalidInputException("$", "required: a JSON object with name, fundingSource and budgets");
        }
        required(input.name(), "name", 200, v);
        FundingSource source = input.fundingSource() == null ? null : FundingSource.parse(input.fundingSource()).orElse(null);
        if (source == null) {
            v.add(new Violation("fundingSource", "required: 本年财政拨款, 上年结转 or 其他"));
        }
        if (input.goal() != null && input.goal().length() > MAX_GOAL) {
            v.add(new Violation("goal", "at most " + MAX_GOAL + " characters"));
        }
        BigDecimal initial = AmountInput.parseNonNegative(input.initialBudget(), "initialBudget", v);
        BigDecimal fullYear = AmountInput.parseNonNegative(input.fullYearBudget(), "fullYearBudget", v);
        List<ProjectIndicator> indicators = indicators(input.indicators(), v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        Project p = Project.of(unitCode, year, code).orElse(null);
        if (p != null && unchanged(p, input, source, initial, fullYear, indicators)) {
            return new Outcome(p, false);
        }
        boolean created = p == null;
        long revisionBefore = created ? 0 : p.revision;
        if (created) {
            p = new Project();
            p.unitCode = unitCode;
            p.year = year;
            p.code = code;
        }
        p.name = input.name();
        p.fundingSource = source.label();
        p.initialBudget = initial;
        p.fullYearBudget = fullYear;
        p.goal = input.goal();
        p.revision++;
        p.updatedAt = Instant.now();
        if (created) {
            p.persist();
        } else {
            ProjectIndicator.delete("projectId", p.id);
        }
        for (ProjectIndicator i : indicators) {
            i.projectId = p.id;
            i.persist();
        }
        publish(p);
        audit.project(caller, p, indicators, created, revisionBefore);
        return new Outcome(p, created);
    }

    @Transactional
    public Project addSpending(Caller caller, String unitCode, int year, String code, ProjectInput.SpendingInput input) {
        requireYear(year);
        requireUnit(unitCode);
        Project p = Project.of(unitCode, year, code).orElseThrow(() -> new NotFoundProblem(
                "unit '" + unitCode + "' has no project '" + code + "' in " + year + "; register it with PUT first"));
        // Records of one project are added one at a time: the sum checked below must be the sum stored, and taking
        // the project's lock first avoids the deadlock of two inserts that each hold the project row shared (the
        // foreign key) and then both want it exclusively (the revision).
        Project.getEntityManager().lock(p, LockModeType.PESSIMISTIC_WRITE);
        List<Violation> v = new ArrayList<>();
        if (input == null) {
            throw new InvalidInputException("$", "required: {\"date\", \"amount\", \"memo\"}");
        }
        LocalDate date = null;
        try {
            date = input.date() == null ? null : LocalDate.parse(input.date());
        } catch (DateTimeParseException e) {
            // reported below
        }
        if (date == null) {
            v.add(new Violation("date", "required: the date spent, as 2023-06-30"));
        } else if (date.getYear() != year) {
            v.add(new Violation("date", date + " is outside the fiscal year " + year + " (" + year + "-01-01 to "
                    + year + "-12-31)"));
        }
        BigDecimal amount = AmountInput.parseNonNegative(input.amount(), "amount", v);
        if (amount != null && amount.signum() == 0) {
            v.add(new Violation("amount", "a spending record of zero records nothing"));
        }
        if (amount != null) {
            // The project's spending so far travels as one figure (ProjectChanged.spent, DECIMAL(18, 2) downstream).
            BigDecimal spent = ProjectSpending.totalOf(p.id).add(amount);
            if (AmountCeiling.exceeds(spent, AmountUnit.WAN_YUAN)) {
                v.add(new Violation("amount", "the project's spending would reach " + spent.toPlainString() + " 万元, above"
                        + " the amount ceiling of " + AmountCeiling.MAX_WAN_YUAN.toPlainString() + " 万元 (金额上限)"));
            }
        }
        if (input.memo() != null && input.memo().length() > 500) {
            v.add(new Violation("memo", "at most 500 characters"));
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        ProjectSpending s = new ProjectSpending();
        s.projectId = p.id;
        s.spentOn = date;
        s.amount = amount;
        s.memo = input.memo();
        s.recordedAt = Instant.now();
        s.persist();
        long revisionBefore = p.revision;
        p.revision++;
        p.updatedAt = s.recordedAt;
        publish(p);
        audit.spending(caller, p, s, revisionBefore);
        return p;
    }

    void publish(Project p) {
        ProjectEvaluation.Evaluated e = evaluation.evaluate(p, null);
        outbox.append(Topics.PERFORMANCE_PROJECTS, p.unitCode, ProjectChanged.TYPE, ProjectChanged.CONTRACT_VERSION,
                new ProjectChanged(p.unitCode, p.year, p.code, p.name, p.fundingSource, p.initialBudget,
                        p.fullYearBudget, new BigDecimal(e.spent()), e.totalScore(), e.grade(), e.behindSchedule(),
                        p.revision));
    }

    /** Sending the same project again changes nothing and publishes nothing. */
    private static boolean unchanged(Project p, ProjectInput in, FundingSource source, BigDecimal initial,
            BigDecimal fullYear, List<ProjectIndicator> indicators) {
        if (!p.name.equals(in.name()) || !p.fundingSource.equals(source.label()) || p.initialBudget.compareTo(initial) != 0
                || p.fullYearBudget.compareTo(fullYear) != 0 || !java.util.Objects.equals(p.goal, in.goal())) {
            return false;
        }
        List<ProjectIndicator> stored = ProjectIndicator.of(p.id);
        if (stored.size() != indicators.size()) {
            return false;
        }
        for (int n = 0; n < stored.size(); n++) {
            ProjectIndicator a = stored.get(n);
            ProjectIndicator b = indicators.get(n);
            if (!a.level1.equals(b.level1) || !a.level2.equals(b.level2) || !a.level3.equals(b.level3)
                    || !a.kind.equals(b.kind) || !java.util.Objects.equals(a.direction, b.direction)
                    || !sameAmount(a.target, b.target) || !sameAmount(a.actual, b.actual)
                    || !java.util.Objects.equals(a.achievement, b.achievement) || !sameAmount(a.weight, b.weight)
                    || a.applicable != b.applicable) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAmount(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }

    private static void requireYear(int year) {
        if (!FiscalYears.isValid(year)) {
            throw new InvalidInputException("year", FiscalYears.invalidReason(year));
        }
    }

    private static void requireUnit(String unitCode) {
        OrgNode unit = OrgNode.findById(unitCode);
        if (unit == null || !"unit".equals(unit.kind)) {
            throw new NotFoundProblem("performance-service knows no unit '" + unitCode + "' (units come from"
                    + " accounts-service's tree; register it there first)");
        }
        if (unit.removed) {
            throw new ConflictProblem(unitCode + " was removed from the tree; its projects can be read but not changed");
        }
    }

    private static List<ProjectIndicator> indicators(List<ProjectInput.IndicatorInput> inputs, List<Violation> v) {
        List<ProjectIndicator> out = new ArrayList<>();
        if (inputs == null) {
            return out;
        }
        for (int n = 0; n < inputs.size(); n++) {
            ProjectInput.IndicatorInput in = inputs.get(n);
            String f = "indicators[" + n + "]";
            if (in == null) {
                v.add(new Violation(f, "must be an indicator object"));
                continue;
            }
            ProjectIndicator i = new ProjectIndicator();
            i.position = n;
            i.level1 = required(in.level1(), f + ".level1", 50, v);
            i.level2 = required(in.level2(), f + ".level2", 50, v);
            i.level3 = required(in.level3(), f + ".level3", 200, v);
            i.applicable = in.applicable() == null || in.applicable();
            i.weight = AmountInput.parseNonNegative(in.weight(), f + ".weight", v);
            if (i.weight != null && i.weight.compareTo(MAX_WEIGHT) > 0) {
                v.add(new Violation(f + ".weight", "a weight (权重) is at most 100 points"));
            }
            if ("定性".equals(in.kind())) {
                i.kind = Indicator.Kind.QUALITATIVE.name();
                if (in.achievement() != null && Indicator.Achievement.parse(in.achievement()).isEmpty()) {
                    v.add(new Violation(f + ".achievement", "use 完全达成, 基本达成, 部分达成 or 未达成"));
                }
                i.achievement = in.achievement();
            } else if ("定量".equals(in.kind())) {
                i.kind = Indicator.Kind.QUANTITATIVE.name();
                if ("正向".equals(in.direction())) {
                    i.direction = Indicator.Direction.POSITIVE.name();
                } else if ("反向".equals(in.direction())) {
                    i.direction = Indicator.Direction.NEGATIVE.name();
                } else {
                    v.add(new Violation(f + ".direction", "a quantitative indicator is 正向 (≥ target) or 反向 (≤ target)"));
                }
                i.target = in.target() == null ? null : AmountInput.parseNonNegative(in.target(), f + ".target", v);
                i.actual = in.actual() == null ? null : AmountInput.parseNonNegative(in.actual(), f + ".actual", v);
            } else {
                v.add(new Violation(f + ".kind", "required: 定量 (quantitative) or 定性 (qualitative)"));
            }
            out.add(i);
        }
        return out;
    }

    /** A required one-line text (a name, a label): something visible, at most {@code max} characters, one line. */
    private static String required(String value, String field, int max, List<Violation> v) {
        if (UnicodeText.isBlank(value) || value.length() > max) {
            v.add(new Violation(field, "required: at most " + max + " characters, not only spaces or invisible"
                    + " format characters"));
        } else if (UnicodeText.firstLineBreak(value) >= 0) {
            v.add(new Violation(field, UnicodeText.lineBreakReason(value, UnicodeText.firstLineBreak(value))));
        }
        return value;
    }
}
