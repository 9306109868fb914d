package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.Matched;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.NarrativeFinding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The seed's own 情况说明 (第三部分 of shared/seed/000_c2eabb70e0f72116.txt) checked against the seed report: exactly
 * N1–N6 of seed-findings.md, every other placed figure within tolerance, and the figures the tables cannot speak
 * to (previous year, per-item budgets, fund statistics, counts) listed as unplaced.
 */
class SeedNarrativeCheckTest {
    static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    static ReportBody seedReport() throws IOException {
        return new ReportParser(FiscalYears.current()).parse(new ObjectMapper()
                .readTree(Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"))));
    }

    static String seedText() throws IOException {
        try (InputStream in = SeedNarrativeCheckTest.class.getResourceAsStream("/narrative/HH-RSJ-YLGS-2023-qingkuang.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static NarrativeCheckResult check(String text, ReportBody report, UnitType type) {
        return new NarrativeCheck(Y2023.narrativeRules(), Y2023.template()).check(text, report, type);
    }

    static String key(NarrativeFinding f) {
        return f.rule() + " " + f.severity().id() + " " + f.figure() + " expected " + f.expected() + " difference "
                + f.difference();
    }

    @Test
    void theSeedNarrativeHasExactlyN1ToN6() throws IOException {
        NarrativeCheckResult r = check(seedText(), seedReport(), UnitType.CIVIL_SERVICE_MANAGED);

        assertEquals(List.of(
                "NC08 warning 97.32% expected 97.31 difference 0.01",        // N1: 901.23 / 926.13 = 97.311…%
                "NC11 error 695.72万元 expected 695.12 difference 0.60",      // N6: 05表 基本支出 (confirms S1)
                "NC12 warning 618.13万元 expected 618.14 difference -0.01",   // N2: 06表 人员经费
                "NC15 error 1.2万元 expected 8.03 difference -6.83",          // N3: 09表 预算数 合计
                "NC20 warning 63.52万元 expected 77.58 difference -14.06",    // N5: 机关运行经费 vs 公用经费, 参公
                "NC14 error 77.74万元 expected 77.58 difference 0.16"),       // N4: 公用经费, parts 695.87 ≠ 695.88
                r.findings().stream().map(SeedNarrativeCheckTest::key).toList());
    }

    @Test
    void eachFindingQuotesItsSentenceAndNamesItsCells() throws IOException {
        List<NarrativeFinding> f = check(seedText(), seedReport(), UnitType.CIVIL_SERVICE_MANAGED).findings();

        NarrativeFinding n1 = f.get(0);
        assertEquals("2023年度财政拨款支出年初预算数为926.13万元，支出决算数为901.23万元，完成年初预算的97.32%，其中：", n1.sentence());
        assertEquals(List.of("公开04表 · 本年支出合计 · 支出 合计", "情况说明 · 财政拨款支出年初预算数 · 金额"),
                n1.cells().stream().map(c -> c.label()).toList());
        NarrativeFinding n3 = f.get(3);
        assertEquals("09.sangong.1", n3.cells().get(0).table() + "." + n3.cells().get(0).row() + "." + n3.cells().get(0).col());
        NarrativeFinding n4 = f.get(5);
        assertTrue(n4.messageZh().contains("所列各项之和为695.87，不等于695.88万元"), n4.messageZh());
        assertTrue(n4.messageZh().contains("618.13万元应为618.14"), n4.messageZh());
        assertTrue(n4.messageEn().contains("the parts printed add up to 695.87"), n4.messageEn());
        assertEquals(List.of("T06.personnel_total.1", "T06.public_total.1"),
                n4.cells().stream().map(c -> "T" + c.table() + "." + c.row() + "." + c.col()).toList());
        NarrativeFinding n5 = f.get(4);
        assertEquals("本部门2023年度机关运行经费支出63.52万元，本单位为新成立单位无上年比较数据", n5.sentence());
        assertEquals(Severity.WARNING, n5.severity());
    }

    @Test
    void everyOtherPlacedFigureRecomputesAndIsListed() throws IOException {
        NarrativeCheckResult r = check(seedText(), seedReport(), UnitType.CIVIL_SERVICE_MANAGED);

        List<String> outside = r.matched().stream().filter(m -> !m.withinTolerance())
                .map(m -> m.rule() + " " + m.figure() + " → " + m.recomputed()).toList();
        assertEquals(List.of("NC08 97.32% → 97.31", "NC11 695.72万元 → 695.12", "NC12 618.13万元 → 618.14",
                "NC15 1.2万元 → 8.03", "NC20 63.52万元 → 77.58", "NC14 618.13万元 → 618.14",
                "NC14 77.74万元 → 77.58"), outside);
        // What was checked, figure by figure, so a reviewer sees the coverage.
        assertEquals(List.of(
                "NC01 901.39万元", "NC02 901.39万元",
                "NC03 901.23万元", "NC03 99.98%", "NC03 0万元", "NC03 0%", "NC03 0万元", "NC03 0%", "NC03 0万元", "NC03 0%",
                "NC03 0万元", "NC03 0%", "NC03 0.16万元", "NC03 0.02%",
                "NC04 901.39万元", "NC05 695.88万元", "NC05 77.2%", "NC05 205.51万元", "NC05 22.8%", "NC05 0万元", "NC05 0%",
                "NC05 0万元", "NC05 0%", "NC05 0万元", "NC05 0%",
                "NC06 901.23万元", "NC07 901.23万元", "NC07 99.98%",
                "NC09 901.23万元", "NC10 875.52万元", "NC10 97.15%", "NC10 25.71万元", "NC10 2.85%",
                "NC08 926.13万元", "NC08 901.23万元", "NC08 97.32%",
                "NC11 695.72万元", "NC12 618.13万元", "NC12 88.85%", "NC13 77.58", "NC13 11.15%",
                "NC15 1.2万元", "NC15 1.2", "NC15 100%",
                "NC16 0万元", "NC16 0万元", "NC16 0%", "NC16 1.2", "NC16 1.2", "NC16 100%",
                "NC16 0万元", "NC16 0万元", "NC16 0%", "NC16 0万元", "NC16 0万元", "NC16 0%",
                "NC17 1.2万元", "NC17 100%", "NC17 0万元", "NC17 0%", "NC17 0万元", "NC17 0%",
                "NC18 0万元", "NC18 1.2万元", "NC18 0万元", "NC18 0万", "NC18 0万元",
                "NC20 63.52万元", "NC21 926.13万元", "NC21 926.13万元",
                "NC14 695.88万元", "NC14 618.13万元", "NC14 77.74万元", "NC19 1.2万元"),
                r.matched().stream().map(m -> m.rule() + " " + m.figure()).toList());
        assertEquals(74, r.counts().matched());
        assertEquals(67, r.counts().withinTolerance());
        assertEquals(6, r.counts().findings());
        assertEquals(r.counts().figures(), r.counts().matched() + r.counts().unplaced());
    }

    @Test
    void figuresTheTablesCannotSpeakToAreUnplacedNotGuessed() throws IOException {
        NarrativeCheckResult r = check(seedText(), seedReport(), UnitType.CIVIL_SERVICE_MANAGED);

        List<String> unplaced = r.unplaced().stream().map(u -> u.figure()).toList();
        // Previous year's totals, per-item initial budgets, the 年初预算 breakdown and the fund statistics.
        for (String f : List.of("61.25万元", "49.93万元", "831万元", "753.63万元", "172.5万元", "860768万元", "15个", "88人次")) {
            assertTrue(unplaced.contains(f), f + " should be unplaced");
        }
        assertTrue(r.unplaced().stream().anyMatch(u -> u.figure().equals("831万元")
                && u.sentence().startsWith("年初预算为831万元，支出决算为690.25万元")));
        assertEquals(r.counts().unplaced(), r.unplaced().size());
    }

    @Test
    void officeOperatingCostIsNotHeldToPublicCostsOutsideAdministrativeUnits() throws IOException {
        NarrativeCheckResult r = check(seedText(), seedReport(), UnitType.PUBLIC_INSTITUTION);

        assertTrue(r.findings().stream().noneMatch(f -> f.rule().equals("NC20")));
        assertTrue(r.unplaced().stream().anyMatch(u -> u.figure().equals("63.52万元")));
    }

    @Test
    void aFigureInYuanIsComparedInWanYuan() throws IOException {
        NarrativeCheckResult exact = check("2023年度收入合计9013900元。", seedReport(), UnitType.CIVIL_SERVICE_MANAGED);
        NarrativeCheckResult off = check("2023年度收入合计9013800元。", seedReport(), UnitType.CIVIL_SERVICE_MANAGED);

        assertEquals(List.of(), exact.findings());
        assertTrue(exact.matched().get(0).withinTolerance());
        assertEquals(List.of("NC02 error 9013800元 expected 9013900.00 difference -100.00"),
                off.findings().stream().map(SeedNarrativeCheckTest::key).toList());
    }

    @Test
    void aRateOfAZeroBaseIsAFindingUnlessNothingOfNothing() throws IOException {
        NarrativeCheckResult r = check("因公出国（境）费支出预算为0万元，支出决算为0万元，完成预算的100%。"
                + "公务用车购置费支出预算为0万元，支出决算为0万元，完成预算的0%。", seedReport(), UnitType.CIVIL_SERVICE_MANAGED);

        assertEquals(1, r.findings().size());
        NarrativeFinding f = r.findings().get(0);
        assertEquals("NC16", f.rule());
        assertEquals("100%", f.figure());
        assertTrue(f.messageEn().contains("rate of a zero base"), f.messageEn());
    }

    @Test
    void aPercentageWithinTheRoundingOfItsLastDigitPasses() throws IOException {
        // 695.88 / 901.39 = 77.2003…%: 77.2% and 77.20% pass, 77.21% does not.
        assertEquals(0, check("支出合计901.39万元，其中：基本支出695.88万元，占77.20%。", seedReport(),
                UnitType.CIVIL_SERVICE_MANAGED).counts().findings());
        NarrativeCheckResult off = check("支出合计901.39万元，其中：基本支出695.88万元，占77.21%。", seedReport(),
                UnitType.CIVIL_SERVICE_MANAGED);
        assertEquals(List.of("NC05 warning 77.21% expected 77.20 difference 0.01"),
                off.findings().stream().map(SeedNarrativeCheckTest::key).toList());
    }

    @Test
    void matchedFiguresCarryTheTableValueOfTheCellTheyState() throws IOException {
        Matched n6 = check(seedText(), seedReport(), UnitType.CIVIL_SERVICE_MANAGED).matched().stream()
                .filter(m -> m.rule().equals("NC11")).findFirst().orElseThrow();
        assertEquals("695.12", n6.tableValue());
        assertEquals("公开05表 · 合计 · 本年支出 基本支出", n6.cells().get(0).label());
    }

    @Test
    void aLongSentenceWithoutPunctuationIsCheckedInLinearTime() throws IOException {
        // 256 KiB (the endpoint's limit) of phrases and figures in one sentence: placed and listed, not stuck.
        String hostile = "收入合计901.39万元其他收入0.16万元占0.02%社会保障和就业（类）支出1万元".repeat(3500);
        long start = System.nanoTime();
        NarrativeCheckResult r = check(hostile, seedReport(), UnitType.CIVIL_SERVICE_MANAGED);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(r.counts().figures(), r.counts().matched() + r.counts().unplaced());
        assertEquals(3500 * 3, r.counts().matched());
        assertTrue(millis < 5000, "took " + millis + " ms");
        // Each figure quotes a window of its sentence, not the whole 150 000 characters beside each of 10 500 figures.
        assertTrue(r.matched().stream().allMatch(m -> m.sentence().length() <= 2 * 120 + 20), "quoted whole");
        assertTrue(r.unplaced().stream().allMatch(u -> u.sentence().length() <= 2 * 120 + 20), "quoted whole");
    }
}
