package cn.finalaccounts.fiscal.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.report.CellKey;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The headline figures of 2023 by name, and a file that names them wrongly stopping the load. */
class NamedFiguresTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    @Test
    void twentyTwentyThreeNamesItsHeadlineFiguresByTheirCells() {
        NamedFigures f = Y2023.figures();

        assertEquals(new CellKey("01", "income_total", "1"), f.cell("income_total"));
        assertEquals(new CellKey("03", "total", "3"), f.cell("project_expense"));
        assertEquals(new CellKey("05", "total", "3"), f.cell("fiscal_project_expense"));
        assertEquals(new CellKey("09", "sangong", "7"), f.cell("sangong_total"));
        assertEquals("机关运行经费", f.figure("office_operating_cost").zh());
        assertEquals(14, f.all().size());
        assertThrows(IllegalArgumentException.class, () -> f.cell("no_such_figure"));
    }

    @Test
    void aCellTheTemplateLacksAnUnknownKeyOrAFigureNamedTwiceStopsTheLoad() {
        assertTrue(refusal("{\"id\": \"x\", \"zh\": \"某数\", \"cell\": \"T03.total.9\"}")
                .contains("x: row 'total' of table 03 has no column '9'"));
        assertTrue(refusal("{\"id\": \"x\", \"zh\": \"某数\", \"cell\": \"T03.total.3\", \"cel\": \"T03.total.2\"}")
                .contains("does not read"));
        assertTrue(refusal("{\"id\": \"x\", \"zh\": \"某数\", \"cell\": \"03.total.3\"}")
                .contains("x's cell '03.total.3' is not Ttable.row.col"));
        assertTrue(refusal("{\"id\": \"x\", \"zh\": \"某数\", \"cell\": \"T03.total.3\"},"
                + " {\"id\": \"x\", \"zh\": \"又一个\", \"cell\": \"T03.total.2\"}").contains("names x twice"));
        assertTrue(refusal("{\"id\": \"x\", \"cell\": \"T03.total.3\"}").contains("does not read"));
    }

    @Test
    void aRuleNamesAFigureAndReadsItsCellThisYearOrLast() {
        NamedFigures f = Y2023.figures();

        assertEquals("T01.income_total.1 = T01.general_budget_appropriation.1 + T01.other_income.1",
                f.expand("#income_total = T01.general_budget_appropriation.1 + T01.other_income.1"));
        assertEquals("100 * (T09.sangong.7 - (P09.sangong.7)) / (P09.sangong.7)",
                f.expand("100 * (#sangong_total - (#last.sangong_total)) / (#last.sangong_total)"));
        assertEquals("'#income_totl' names no figure", assertThrows(IllegalArgumentException.class,
                () -> f.expand("#income_totl = T01.other_income.1")).getMessage().split(";")[0]);
    }

    @Test
    void theYearsRulesRunOnTheCellsTheirNamedFiguresStandFor() {
        // A1 is written "#income_total = …" in the file; what runs is the cell.
        assertEquals("T01.income_total.1", Y2023.rules().rule("A1").orElseThrow().formulas().get(0).text()
                .split(" ")[0]);
        assertTrue(Y2023.narrativeRules().rule("NY01A").orElseThrow().figures().get("d")
                .contains("P01.income_grand_total.1"));
    }

    private static String refusal(String figures) {
        String json = "{\"year\": 2023, \"note\": \"\", \"figures\": [" + figures + "]}";
        return assertThrows(IllegalStateException.class, () -> NamedFigures.read(
                new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), Y2023.template())).getMessage();
    }
}
