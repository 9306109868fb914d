package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Changes against last year's report: written only when it exists, and never as a rate from a zero base. */
class YearOverYearTest {

    static ReportBody lastYear(String grandTotal, String officeCost) {
        return new ReportBody("HH-RSJ-YLGS", 2022, AmountUnit.WAN_YUAN, List.of(
                new ReportTable("01", List.of(new ReportCell("income_grand_total", "1", new BigDecimal(grandTotal)),
                        new ReportCell("expense_grand_total", "2", new BigDecimal(grandTotal)))),
                new ReportTable("06", List.of(new ReportCell("public_total", "1", new BigDecimal(officeCost))))));
    }

    static Narrative write(ReportBody last) throws IOException {
        return new NarrativeWriter(SeedNarrativeTest.Y2023).write(SeedNarrativeTest.seed(), last,
                UnitType.CIVIL_SERVICE_MANAGED);
    }

    @Test
    void aDecreaseIsWordedWithItsRateAndAGapForTheReason() throws IOException {
        NarrativeSection one = SeedNarrativeTest.section(write(lastYear("962.64", "80.00")), "一、");
        assertEquals("2023年度收、支总计901.39万元，比上年减少61.25万元，下降6.36%，主要原因是【待补：增减变化的原因】。",
                one.text());
        NarrativeFigure delta = SeedNarrativeTest.figure(one, "61.25万元");
        assertEquals(List.of("2023:01.income_grand_total.1", "2022:01.income_grand_total.1"),
                SeedNarrativeTest.cells(delta));
    }

    @Test
    void aChangeFromZeroIsNeverAHundredPercentIncrease() throws IOException {
        NarrativeSection ten = SeedNarrativeTest.section(write(lastYear("901.39", "0")), "十、");
        assertEquals("本部门2023年度机关运行经费支出77.58万元，比上年增加77.58万元（上年为0，不计算增长率），"
                + "主要原因是【待补：增减变化的原因】。", ten.text());
    }

    @Test
    void anUnchangedTotalIsFlat() throws IOException {
        assertEquals("2023年度收、支总计901.39万元，与上年持平。",
                SeedNarrativeTest.section(write(lastYear("901.39", "77.58")), "一、").text());
    }
}
