package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test of 情况说明 generation: written from the seed's own tables, the 情况说明 of
 * 怀化市养老和工伤保险服务中心 repeats the published sentences whose figures are right, figure for figure, and
 * states the six wrong ones (N1–N6 of shared/domain/seed-findings.md) with the figures of the tables.
 */
class SeedNarrativeTest {
    static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    static ReportBody seed() throws IOException {
        ReportBody sent = new ReportParser(FiscalYears.current())
                .parse(new ObjectMapper().readTree(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json").toFile()));
        return SubtotalDeriver.complete(sent, Y2023);
    }

    static Narrative narrative() throws IOException {
        return new NarrativeWriter(Y2023).write(seed(), null, UnitType.CIVIL_SERVICE_MANAGED);
    }

    static NarrativeSection section(Narrative n, String headingStart) {
        return n.sections().stream().filter(s -> s.heading().startsWith(headingStart)).findFirst().orElseThrow();
    }

    static NarrativeFigure figure(NarrativeSection s, String printed) {
        List<NarrativeFigure> found = s.figures().stream().filter(f -> f.text().equals(printed)).toList();
        assertFalse(found.isEmpty(), () -> printed + " not among the figures of " + s.heading());
        return found.get(0);
    }

    static List<String> cells(NarrativeFigure f) {
        return f.cells().stream().map(c -> c.year() + ":" + c.table() + "." + c.row() + "." + c.col()).toList();
    }

    @Test
    void sectionsComeInThePublishedOrder() throws IOException {
        assertEquals(List.of("一、收入支出决算总体情况说明", "二、收入决算情况说明", "三、支出决算情况说明",
                "四、财政拨款收入支出决算总体情况说明", "五、一般公共预算财政拨款支出决算情况说明",
                "六、一般公共预算财政拨款基本支出决算情况说明", "七、财政拨款“三公”经费支出决算情况说明",
                "八、政府性基金预算收入支出决算情况", "九、国有资本经营预算收入支出决算情况说明", "十、关于机关运行经费支出说明",
                "十一、一般性支出情况说明", "十二、关于政府采购支出说明", "十三、关于国有资产占用情况说明",
                "十四、关于2023年度预算绩效情况的说明"),
                narrative().sections().stream().map(NarrativeSection::heading).toList());
    }

    @Test
    void theSeedsCorrectSentencesAreReproducedFigureForFigure() throws IOException {
        Narrative n = narrative();
        // 一: no report of 2022 is given, so no change is written (the seed's “减少61.25万元” cannot be checked).
        assertEquals("2023年度收、支总计901.39万元。", section(n, "一、").text());
        assertEquals("2023年度收入合计901.39万元，其中：财政拨款收入901.23万元，占99.98%；上级补助收入0.00万元，占0.00%；"
                + "事业收入0.00万元，占0.00%；经营收入0.00万元，占0.00%；附属单位上缴收入0.00万元，占0.00%；"
                + "其他收入0.16万元，占0.02%。", section(n, "二、").text());
        // The seed prints 77.2% and 22.8%: the same shares, here with the two decimals every share gets.
        assertEquals("2023年度支出合计901.39万元，其中：基本支出695.88万元，占77.20%；项目支出205.51万元，占22.80%；"
                + "上缴上级支出0.00万元，占0.00%；经营支出0.00万元，占0.00%；对附属单位补助支出0.00万元，占0.00%。",
                section(n, "三、").text());
        assertEquals("2023年度财政拨款收、支总计901.23万元。", section(n, "四、").text());
        NarrativeSection five = section(n, "五、");
        assertEquals("2023年度财政拨款支出901.23万元，占本年支出合计的99.98%。", five.subsections().get(0).text());
        assertEquals("2023年度财政拨款支出901.23万元，主要用于以下方面：社会保障和就业（类）支出875.52万元，占97.15%；"
                + "卫生健康（类）支出25.71万元，占2.85%。", five.subsections().get(1).text());
        assertEquals("2023年度我单位无政府性基金预算财政拨款收入支出。", section(n, "八、").text());
        assertEquals("2023年度我单位无国有资本经营预算收入支出。", section(n, "九、").text());
    }

    @Test
    void n1TheCompletionRateIs9731NotTheSeeds9732() throws IOException {
        NarrativeSection detail = section(narrative(), "五、").subsections().get(2);
        assertTrue(detail.text().startsWith(
                "2023年度财政拨款支出年初预算数为926.13万元，支出决算数为901.23万元，完成年初预算的97.31%，其中：\n"
                        + "1、社会保障和就业（类）人力资源和社会保障管理事务（款）社会保险经办机构（项）\n"
                        + "年初预算为【待补：分项年初预算】，支出决算为690.25万元，【待补：决算数与年初预算数差异的原因】。\n"),
                detail.text());
        NarrativeFigure rate = figure(detail, "97.31%");
        assertEquals(new BigDecimal("97.31"), rate.value());
        assertEquals(List.of("2023:05.total.1", "2023:N.initial_budget.1"), cells(rate));
        // Every 项 of 05表 with an amount, and no 229 (其他收入 is not 一般公共预算财政拨款).
        assertEquals(7, detail.text().split("（项）").length - 1);
        assertFalse(detail.text().contains("其他支出（类）"));
    }

    @Test
    void n2N4N6BasicSpendingIsPersonnelPlusOfficeCostsOf06() throws IOException {
        NarrativeSection six = section(narrative(), "六、");
        assertEquals("2023年度财政拨款基本支出695.72万元，其中：\n"
                + "人员经费618.14万元，占基本支出的88.85%，主要包括基本工资、津贴补贴、奖金、伙食补助费、"
                + "机关事业单位基本养老保险缴费、职工基本医疗保险缴费、其他社会保障缴费、生活补助、其他对个人和家庭的补助。\n"
                + "公用经费77.58万元，占基本支出的11.15%，主要包括工会经费、其他交通费用、其他商品和服务支出。", six.text());
        // N6: 695.72 is 06表 人员经费 + 公用经费, not 05表's printed 695.12.
        assertEquals(List.of("2023:06.personnel_total.1", "2023:06.public_total.1"), cells(figure(six, "695.72万元")));
        assertEquals(new BigDecimal("695.72"), figure(six, "695.72万元").value());
        assertEquals(List.of("2023:06.personnel_total.1"), cells(figure(six, "618.14万元")));
        // A share cites its part and its whole, each cell once.
        assertEquals(List.of("2023:06.personnel_total.1", "2023:06.public_total.1"), cells(figure(six, "88.85%")));
    }

    @Test
    void n3TheSangongBudgetIs803From09() throws IOException {
        NarrativeSection seven = section(narrative(), "七、");
        assertEquals("“三公”经费财政拨款支出预算为8.03万元，支出决算为1.20万元，完成预算的14.94%，其中：\n"
                + "因公出国（境）费支出预算为0.00万元，支出决算为0.00万元。\n"
                + "公务接待费支出预算为1.20万元，支出决算为1.20万元，完成预算的100.00%。\n"
                + "公务用车购置费支出预算为0.00万元，支出决算为0.00万元。\n"
                + "公务用车运行维护费支出预算为0.00万元，支出决算为0.00万元。", seven.subsections().get(0).text());
        assertEquals(List.of("2023:09.sangong.1"), cells(figure(seven.subsections().get(0), "8.03万元")));
        assertEquals("2023年度“三公”经费财政拨款支出决算中，公务接待费支出决算1.20万元，占100.00%，"
                + "因公出国（境）费支出决算0.00万元，占0.00%，公务用车购置费及运行维护费支出决算0.00万元，占0.00%。其中："
                + "【待补：因公出国（境）团组和人次、公务接待批次和人次、公务用车保有量（不在公开表中）】",
                seven.subsections().get(1).text());
    }

    @Test
    void n5OfficeOperatingCostOfACivilServiceManagedUnitIsItsOfficeCosts() throws IOException {
        NarrativeSection ten = section(narrative(), "十、");
        assertEquals("本部门2023年度机关运行经费支出77.58万元。", ten.text());
        assertEquals(List.of("2023:06.public_total.1"), cells(figure(ten, "77.58万元")));
    }

    @Test
    void aPublicInstitutionHasNoOfficeOperatingCost() throws IOException {
        NarrativeSection ten = section(new NarrativeWriter(Y2023).write(seed(), null, UnitType.PUBLIC_INSTITUTION), "十、");
        assertTrue(ten.text().startsWith("本单位为事业单位，机关运行经费仅适用于"), ten.text());
        assertTrue(ten.figures().isEmpty());
    }

    @Test
    void withoutAUnitTypeTheOfficeOperatingCostIsAGap() throws IOException {
        NarrativeSection ten = section(new NarrativeWriter(Y2023).write(seed(), null, null), "十、");
        assertEquals("本部门2023年度机关运行经费支出【待补：行政、参公单位的06表公用经费合计（汇总或单位性质未登记时，表中无法区分）】。",
                ten.text());
        assertTrue(ten.figures().isEmpty());
    }

    @Test
    void whatTheTablesCannotSayIsAMarkedGap() throws IOException {
        Narrative n = narrative();
        NarrativeSection performance = section(n, "十四、");
        assertEquals(List.of("部门职责、整体支出绩效与项目绩效（不在公开表中）"), performance.gaps());
        assertEquals("【待补：部门职责、整体支出绩效与项目绩效（不在公开表中）】", performance.text());
        assertTrue(section(n, "一、").gaps().isEmpty());
    }

    @Test
    void everySetOfSharesAddsUpTo100() throws IOException {
        Narrative n = narrative();
        for (NarrativeSection s : List.of(section(n, "二、"), section(n, "三、"), section(n, "五、").subsections().get(1),
                section(n, "六、"))) {
            BigDecimal sum = s.figures().stream().filter(f -> f.text().endsWith("%")).map(NarrativeFigure::value)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(new BigDecimal("100.00"), sum, s.heading());
        }
    }

    @Test
    void plainTextAndMarkdownCarryTheSameSentences() throws IOException {
        Narrative n = narrative();
        assertTrue(n.toText().contains("三、支出决算情况说明\n2023年度支出合计901.39万元，"));
        assertTrue(n.toMarkdown().contains("## 五、一般公共预算财政拨款支出决算情况说明\n\n### （一）财政拨款支出决算总体情况\n\n"
                + "2023年度财政拨款支出901.23万元，占本年支出合计的99.98%。\n\n"));
    }
}
