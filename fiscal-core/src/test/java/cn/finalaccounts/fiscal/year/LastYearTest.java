package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Last year's figures of a unit formed by merging two others: their 2023 reports added, in 2024's codes (the codes
 * below the 2023 list are made up for the test: one renumbered, one split).
 */
class LastYearTest {
    private final FiscalYears years = FiscalYears.ofBundled();
    private final FiscalYear y2023 = years.year(2023).orElseThrow();

    @Test
    void twoPredecessorsReportsAddUpInThisYearsCodesAndASplitCodeIsNotCarried() throws Exception {
        String list = "科目编码,科目名称,级次\n" + y2023.functional().subjects().stream()
                .filter(s -> !s.code().equals("2299999") && !s.code().equals("2010101"))
                .map(s -> s.code() + "," + s.name() + "," + s.level().label()).collect(Collectors.joining("\n"))
                + "\n2299998,测试用其他支出,项\n2010160,测试用行政运行一,项\n2010161,测试用行政运行二,项\n";
        String mapping = "原科目编码,新科目编码\n2299999,2299998\n2010101,2010160\n2010101,2010161\n";
        YearOpening.Plan plan = YearOpening.dryRun(years.sources(2023).orElseThrow(), y2023, 2024,
                new YearOpening.YearFiles(Map.of(Classification.FUNCTIONAL, bytes(list)),
                        Map.of(Classification.FUNCTIONAL, bytes(mapping))));
        assertTrue(plan.opens(), plan.problems().toString());
        FiscalYear y2024 = years.add(plan.sources());

        ReportBody social = report("""
                {"unit": "OLD-SB", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "closing_balance", "col": "2", "amount": "0.10"}]},
                  {"table": "05", "cells": [{"row": "2299999", "col": "1", "amount": "0.16"},
                                            {"row": "2010101", "col": "1", "amount": "5.00"}]}]}""");
        ReportBody injury = report("""
                {"unit": "OLD-GS", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "closing_balance", "col": "2", "amount": "0.06"}]},
                  {"table": "05", "cells": [{"row": "2299999", "col": "1", "amount": "1.00"}]}]}""");

        LastYear.Figures figures = LastYear.of("NEW", y2024, List.of(social, injury), years.mappings(2024));

        Map<CellKey, BigDecimal> cells = figures.report().toSheet().cells();
        assertEquals(new BigDecimal("0.16"), cells.get(new CellKey("01", "closing_balance", "2")));
        assertEquals(new BigDecimal("1.16"), cells.get(new CellKey("05", "2299998", "1")));
        assertEquals(null, cells.get(new CellKey("05", "2299999", "1")));
        assertEquals(null, cells.get(new CellKey("05", "2010160", "1")));
        assertEquals(null, cells.get(new CellKey("05", "2010101", "1")));
        assertEquals(Set.of("T05.2010160", "T05.2010161"), figures.notCarried());
        assertEquals("NEW", figures.report().unit());
        assertEquals(2024, figures.report().year());
    }

    @Test
    void withoutAMappingAUnitsOwnReportIsLastYearAsItStands() throws Exception {
        ReportBody own = report("""
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "closing_balance", "col": "2", "amount": "12.50"}]}]}""");

        LastYear.Figures figures = LastYear.of("U", y2023, List.of(own), Map.of());

        assertEquals(new BigDecimal("12.50"), figures.report().toSheet().cells()
                .get(new CellKey("01", "closing_balance", "2")));
        assertEquals(Set.of(), figures.notCarried());
    }

    private ReportBody report(String json) throws Exception {
        return new ReportParser(years).parse(new ObjectMapper().readTree(json));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
