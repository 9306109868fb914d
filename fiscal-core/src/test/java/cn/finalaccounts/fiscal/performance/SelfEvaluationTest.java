package cn.finalaccounts.fiscal.performance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.performance.Indicator.Achievement;
import cn.finalaccounts.fiscal.performance.Indicator.Direction;
import cn.finalaccounts.fiscal.performance.Indicator.Kind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SelfEvaluationTest {

    @Test
    void theSeedsProjectsRateAndScoreExactly() {
        // 社保经办机构工作经费: 105 → 105.61 is 100.58 % (printed 101 %) and the score is capped at 10.
        assertEquals(Optional.of(new BigDecimal("100.58")), ExecutionRate.percent(amount("105.61"), amount("105")));
        assertEquals(new BigDecimal("10.00"), SelfEvaluation.shown(SelfEvaluation.executionScore(amount("105.61"),
                amount("105")).orElseThrow()));
        // 工伤专项业务工作经费: 27.5 → 27.49 is 99.96 % (printed 100.00 %, wrong at two decimals).
        assertEquals(Optional.of(new BigDecimal("99.96")), ExecutionRate.percent(amount("27.49"), amount("27.5")));
        // Its score is 9.99636… exactly and shows as 10.00 (two decimals, half up, rounded once at the end).
        BigDecimal score = SelfEvaluation.executionScore(amount("27.49"), amount("27.5")).orElseThrow();
        assertEquals(new BigDecimal("9.996"), score.setScale(3, java.math.RoundingMode.HALF_UP));
        assertEquals(new BigDecimal("10.00"), SelfEvaluation.shown(score));
    }

    @Test
    void aZeroBudgetHasNoRateAndNoScore() {
        assertEquals(Optional.empty(), ExecutionRate.percent(amount("3.00"), amount("0")));
        assertEquals(Optional.empty(), SelfEvaluation.executionScore(amount("0"), amount("0.00")));
    }

    @Test
    void indicatorsScoreByTheirDirectionAndKind() {
        Indicator positive = new Indicator("产出指标", "数量指标", "核查疑点数据条数", Kind.QUANTITATIVE, Direction.POSITIVE,
                amount("200"), amount("190"), null, amount("20"), true);
        Indicator negative = new Indicator("产出指标", "时效指标", "待遇发放延误天数", Kind.QUANTITATIVE, Direction.NEGATIVE,
                amount("2"), amount("4"), null, amount("10"), true);
        Indicator qualitative = new Indicator("效益指标", "社会效益指标", "参保人员权益保障", Kind.QUALITATIVE, null, null, null,
                Achievement.MOSTLY, amount("30"), true);
        Indicator notApplicable = new Indicator("满意度指标", "服务对象满意度", "满意度", Kind.QUANTITATIVE,
                Direction.POSITIVE, amount("90"), null, null, amount("10"), false);

        assertEquals(new BigDecimal("19.00"), SelfEvaluation.shown(positive.score().orElseThrow()));
        assertEquals(new BigDecimal("5.00"), SelfEvaluation.shown(negative.score().orElseThrow()));
        assertEquals(new BigDecimal("24.00"), SelfEvaluation.shown(qualitative.score().orElseThrow()));
        assertEquals(Optional.empty(), notApplicable.score());

        // 19 + 5 + 24 + 10 (execution) = 58 of 70 applicable points → 82.86 of 100 (P4), grade 良.
        BigDecimal total = SelfEvaluation.total(List.of(positive, negative, qualitative, notApplicable),
                SelfEvaluation.executionScore(amount("20"), amount("20"))).orElseThrow();
        assertEquals(new BigDecimal("82.86"), SelfEvaluation.shown(total));
        assertEquals("良", SelfEvaluation.grade(total));
        assertEquals("优", SelfEvaluation.grade(amount("90")));
        assertEquals("中", SelfEvaluation.grade(amount("79.99")));
        assertEquals("差", SelfEvaluation.grade(amount("59.99")));
    }

    @Test
    void aProjectBehindItsMonthlyScheduleIsFlagged() {
        List<SchedulePlan.Month> months = SchedulePlan.months(2023, amount("120"), List.of(
                new SchedulePlan.Spending(LocalDate.of(2023, 1, 20), amount("10")),
                new SchedulePlan.Spending(LocalDate.of(2023, 3, 5), amount("5"))), LocalDate.of(2023, 4, 30),
                new BigDecimal("10"));

        assertEquals(4, months.size());
        assertEquals(new BigDecimal("8.33"), months.get(0).expectedPercent());
        assertEquals(new BigDecimal("8.33"), months.get(0).actualPercent());
        assertEquals(false, months.get(1).behind());  // February: 16.67 % expected, 8.33 % spent: 8.34 points behind
        assertEquals(true, months.get(2).behind());   // March: 25.00 % expected, 12.50 % spent: 12.50 points behind
        assertEquals(new BigDecimal("15"), months.get(3).spentToDate());
        assertEquals(true, months.get(3).behind());   // April: 33.33 % expected, 12.50 % spent
    }

    private static BigDecimal amount(String s) {
        return new BigDecimal(s);
    }
}
