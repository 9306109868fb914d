package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    /** 01表 收支总计 and 06表 公用经费 (机关运行经费 of a 参公 unit). */
    private static ReportBody report(String total, String publicCost) {
        String json = "{\"unit\": \"U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": [{\"table\": \"01\","
                + " \"cells\": [{\"row\": \"income_grand_total\", \"col\": \"1\", \"amount\": \"" + total + "\"},"
                + " {\"row\": \"expense_grand_total\", \"col\": \"2\", \"amount\": \"" + total + "\"}]},"
                + " {\"table\": \"06\", \"cells\": [{\"row\": \"public_total\", \"col\": \"1\", \"amount\": \""
                + publicCost + "\"}]}]}";
        try {
            return SubtotalDeriver.complete(new ReportParser(FiscalYears.current()).parse(new ObjectMapper()
                    .readTree(json)), Y2023);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
