package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.NarrativeFinding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The 比上年 sentences of a 情况说明 against last year's figures: the ones the writer generates recompute; a wrong
 * change or rate is a finding; "无上年比较数据" holds only where there is no last year.
 */
class LastYearNarrativeCheckTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();
    private final NarrativeRuleBook rules = FiscalYears.current().year(2023).orElseThrow().narrativeRules();

    private final ReportBody now = report("165.00", "63.50");
    private final ReportBody lastYear = report("150.00", "70.00");

    @Test
    void theSentencesTheWriterGeneratesRecompute() {
        Narrative written = new NarrativeWriter(Y2023).write(now, lastYear, UnitType.CIVIL_SERVICE_MANAGED);
        String text = written.sections().stream().map(NarrativeSection::text).reduce("", (a, b) -> a + b + "\n");

        NarrativeCheckResult r = check(text, lastYear);

        assertEquals("2023年度收、支总计165.00万元，比上年增加15.00万元，增长10.00%，主要原因是【待补：增减变化的原因】。",
                written.sections().get(0).text());
        assertEquals(List.of(), r.findings().stream().filter(f -> f.rule().startsWith("NY")).toList());
        assertEquals(List.of("NY01A 165.00万元 165.00", "NY01A 15.00万元 15.00", "NY01A 10.00% 10.00",
                "NY03B 63.50万元 63.50", "NY03B 6.50万元 6.50", "NY03B 9.29% 9.29"), r.matched().stream()
                .filter(m -> m.rule().startsWith("NY"))
                .map(m -> m.rule() + " " + m.figure() + " " + m.recomputed()).toList());
    }

    @Test
    void aWrongChangeOrRateIsAFindingNamingLastYearsCells() {
        NarrativeCheckResult r = check("2023年度收、支总计165.00万元，比上年增加16.00万元，增长10.00%。"
                + "本部门2023年度机关运行经费支出63.50万元，比上年减少6.50万元，下降9.30%。", lastYear);

        List<NarrativeFinding> f = r.findings();
        assertEquals(List.of("NY01A error 16.00万元 expected 15.00", "NY03B warning 9.30% expected 9.29"),
                f.stream().map(x -> x.rule() + " " + x.severity().id() + " " + x.figure() + " expected "
                        + x.expected()).toList());
        assertEquals(List.of("公开01表 · 总计 · 收入 决算数", "上年 公开01表 · 总计 · 收入 决算数"),
                f.get(0).cells().stream().map(c -> c.label()).toList());
    }

    @Test
    void revenueExpenditureBasicProjectAndTheThreePublicExpensesEachComparedWithLastYear() {
        ReportBody thisYear = figures("120.00", "120.00", "80.00", "40.00", "6.60");
        ReportBody before = figures("100.00", "100.00", "70.00", "30.00", "7.00");
        String text = new NarrativeWriter(Y2023).write(thisYear, before, UnitType.CIVIL_SERVICE_MANAGED).toText();

        assertTrue(text.contains("本年收入合计比上年增加20.00万元，增长20.00%，主要原因是【待补：增减变化的原因】。"), text);
        assertTrue(text.contains("本年支出合计比上年增加20.00万元，增长20.00%"), text);
        assertTrue(text.contains("基本支出比上年增加10.00万元，增长14.29%"), text);
        assertTrue(text.contains("项目支出比上年增加10.00万元，增长33.33%"), text);
        assertTrue(text.contains("“三公”经费支出决算比上年减少0.40万元，下降5.71%"), text);
        NarrativeCheckResult r = new NarrativeCheck(rules, Y2023.template()).check(text, thisYear, before,
                UnitType.CIVIL_SERVICE_MANAGED);
        assertEquals(List.of(), r.findings().stream().filter(f -> f.rule().startsWith("NY")).toList());
        assertEquals(List.of("NY04A 20.00万元", "NY04A 20.00%", "NY05A 20.00万元", "NY05A 20.00%", "NY06A 10.00万元",
                "NY06A 14.29%", "NY06A 10.00万元", "NY06A 33.33%", "NY07B 0.40万元", "NY07B 5.71%"), r.matched().stream()
                .filter(m -> m.rule().compareTo("NY04") >= 0 && m.rule().startsWith("NY"))
                .map(m -> m.rule() + " " + m.figure()).toList());

        // A project-expenditure change one yuan-hundred off, and the three public expenses said to rise: findings.
        NarrativeCheckResult wrong = new NarrativeCheck(rules, Y2023.template()).check(
                "项目支出比上年增加11.00万元，增长33.33%。“三公”经费支出决算比上年增加0.40万元。", thisYear, before,
                UnitType.CIVIL_SERVICE_MANAGED);
        assertEquals(List.of("NY06A 11.00万元 expected 10.00", "NY07A 0.40万元 expected -0.40"), wrong.findings().stream()
                .map(f -> f.rule() + " " + f.figure() + " expected " + f.expected()).toList());
    }

    @Test
    void aFallOfTheAppropriationsTotalCountsTheOpeningBalanceOnBothSides() {
        // 财政拨款收支总计 = 本年财政拨款收入 + 年初结转和结余: 90 + 10 now, 95 + 15 last year, a fall of 10.00.
        ReportBody thisYear = appropriations("90.00", "10.00");
        ReportBody before = appropriations("95.00", "15.00");

        NarrativeCheckResult r = new NarrativeCheck(rules, Y2023.template()).check(
                "2023年度财政拨款收、支总计100.00万元，比上年减少10.00万元，下降9.09%。", thisYear, before,
                UnitType.CIVIL_SERVICE_MANAGED);

        assertEquals(List.of(), r.findings());
        assertEquals(List.of("NY02B 100.00万元 100.00", "NY02B 10.00万元 10.00", "NY02B 9.09% 9.09"), r.matched().stream()
                .map(m -> m.rule() + " " + m.figure() + " " + m.recomputed()).toList());
    }

    @Test
    void noLastYearDataIsAFindingOnlyWhereLastYearHasAReport() {
        String text = "本部门2023年度机关运行经费支出63.50万元，本单位为新成立单位无上年比较数据。";

        assertEquals(List.of("NY00"), check(text, lastYear).findings().stream().map(NarrativeFinding::rule).toList());
        assertEquals(List.of(), check(text, null).findings());
        // Without last year a 比上年 sentence cannot be checked: its change is left unplaced, not judged.
        NarrativeCheckResult none = check("2023年度收、支总计165.00万元，比上年增加16.00万元。", null);
        assertEquals(List.of(), none.findings());
        assertEquals(List.of("16.00万元"), none.unplaced().stream().map(u -> u.figure()).toList());
    }

    private NarrativeCheckResult check(String text, ReportBody before) {
        return new NarrativeCheck(rules, Y2023.template()).check(text, now, before, UnitType.CIVIL_SERVICE_MANAGED);
    }

    /** 01表 本年收入合计; 03表 合计, 基本支出, 项目支出; 09表 “三公”经费 决算数 and 公务接待费. */
    private static ReportBody figures(String income, String expense, String basic, String project, String sangong) {
        return parse("{\"unit\": \"U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": ["
                + "{\"table\": \"01\", \"cells\": [{\"row\": \"income_total\", \"col\": \"1\", \"amount\": \"" + income + "\"}]},"
                + " {\"table\": \"03\", \"cells\": [{\"row\": \"total\", \"col\": \"1\", \"amount\": \"" + expense + "\"},"
                + " {\"row\": \"total\", \"col\": \"2\", \"amount\": \"" + basic + "\"},"
                + " {\"row\": \"total\", \"col\": \"3\", \"amount\": \"" + project + "\"}]},"
                + " {\"table\": \"09\", \"cells\": [{\"row\": \"sangong\", \"col\": \"7\", \"amount\": \"" + sangong + "\"},"
                + " {\"row\": \"sangong\", \"col\": \"12\", \"amount\": \"" + sangong + "\"}]}]}");
    }

    /** 04表 本年财政拨款收入 and 年初财政拨款结转和结余. */
    private static ReportBody appropriations(String income, String opening) {
        return parse("{\"unit\": \"U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": [{\"table\": \"04\","
                + " \"cells\": [{\"row\": \"general_budget_appropriation\", \"col\": \"1\", \"amount\": \"" + income + "\"},"
                + " {\"row\": \"income_total\", \"col\": \"1\", \"amount\": \"" + income + "\"},"
                + " {\"row\": \"opening_fiscal_balance\", \"col\": \"1\", \"amount\": \"" + opening + "\"},"
                + " {\"row\": \"opening_fiscal_balance_general\", \"col\": \"1\", \"amount\": \"" + opening + "\"}]}]}");
    }

    /** 01表 收支总计 and 06表 公用经费 (机关运行经费 of a 参公 unit). */
    private static ReportBody report(String total, String publicCost) {
        return parse("{\"unit\": \"U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": [{\"table\": \"01\","
                + " \"cells\": [{\"row\": \"income_grand_total\", \"col\": \"1\", \"amount\": \"" + total + "\"},"
                + " {\"row\": \"expense_grand_total\", \"col\": \"2\", \"amount\": \"" + total + "\"}]},"
                + " {\"table\": \"06\", \"cells\": [{\"row\": \"public_total\", \"col\": \"1\", \"amount\": \""
                + publicCost + "\"}]}]}");
    }

    private static ReportBody parse(String json) {
        try {
            return SubtotalDeriver.complete(new ReportParser(FiscalYears.current()).parse(new ObjectMapper()
                    .readTree(json)), Y2023);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
