package cn.finalaccounts.fiscal.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import java.util.List;
import org.junit.jupiter.api.Test;

class YearTemplateTest {
    private final FiscalYear year = FiscalYears.current().year(2023).orElseThrow();

    @Test
    void the2023TemplateHasTheNineTablesInPrintOrderAndTheNarrativeFigures() {
        assertEquals(List.of("01", "02", "03", "04", "05", "06", "07", "08", "09", "N"),
                year.template().tables().stream().map(TableTemplate::id).toList());
        assertEquals("收入支出决算总表", year.template().table("01").orElseThrow().name());
    }

    @Test
    void table01PrintsItsIncomeRowsThenOneRowPerFunctionalClass() {
        TableTemplate t01 = year.template().table("01").orElseThrow();
        List<RowTemplate> rows = t01.printedRows();

        assertEquals("一、一般公共预算财政拨款收入", rows.get(0).label());
        RowTemplate social = t01.row("208").orElseThrow();
        assertEquals("社会保障和就业支出", social.label());
        assertEquals(List.of("2"), social.columns());
        assertTrue(rows.stream().anyMatch(r -> "210".equals(r.code())));
        assertEquals("总计", rows.get(rows.size() - 1).label());
        // 01表 takes 类 rows only: a 项 code is not one of its rows.
        assertFalse(t01.row("2080109").isPresent());
    }

    @Test
    void allRowsListEveryCatalogueSubjectAtTheTablesLevelsBetweenItsFixedRows() {
        TableTemplate t05 = year.template().table("05").orElseThrow();
        List<RowTemplate> rows = t05.allRows();

        assertEquals("total", rows.get(0).id());
        long functionalCodes = year.functional().subjects().size();
        assertEquals(1 + functionalCodes, rows.size());
        List<String> ids = rows.stream().map(RowTemplate::id).toList();
        assertTrue(ids.indexOf("208") < ids.indexOf("20801") && ids.indexOf("20801") < ids.indexOf("2080109"));

        TableTemplate t06 = year.template().table("06").orElseThrow();
        List<RowTemplate> rows06 = t06.allRows();
        assertEquals(List.of("personnel_total", "public_total"),
                rows06.subList(rows06.size() - 2, rows06.size()).stream().map(RowTemplate::id).toList());
        assertEquals(year.economic().subjects().size() + 2, rows06.size());
    }

    @Test
    void subjectRowsOfOtherTablesComeFromTheCatalogue() {
        TableTemplate t05 = year.template().table("05").orElseThrow();
        assertEquals("社会保险经办机构", t05.row("2080109").orElseThrow().label());
        assertFalse(t05.row("2080100").isPresent());
        TableTemplate t06 = year.template().table("06").orElseThrow();
        assertEquals("基本工资", t06.row("30101").orElseThrow().label());
        assertEquals("人员经费合计", t06.row("personnel_total").orElseThrow().label());
    }

    @Test
    void rowsSortAsPrinted() {
        TableTemplate t01 = year.template().table("01").orElseThrow();
        List<String> rows = new java.util.ArrayList<>(List.of("expense_grand_total", "229", "income_total",
                "general_budget_appropriation", "208", "expense_total", "other_income"));
        rows.sort(t01.rowOrder());
        assertEquals(List.of("general_budget_appropriation", "other_income", "income_total", "208", "229",
                "expense_total", "expense_grand_total"), rows);
        List<String> cols = new java.util.ArrayList<>(List.of("10", "2", "1", "12"));
        cols.sort(TableTemplate.columnOrder());
        assertEquals(List.of("1", "2", "10", "12"), cols);
    }
}
