package cn.finalaccounts.fiscal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubtotalDeriverTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    @Test
    void onlyXiangRowsAreEnoughAndSentSubtotalsAreKept() throws IOException {
        ReportBody sent = new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree("""
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "05", "cells": [
                    {"row": "2080109", "col": "2", "amount": "515.83"},
                    {"row": "2080199", "col": "2", "amount": "53.20"},
                    {"row": "2080505", "col": "2", "amount": "64.72"},
                    {"row": "2101101", "col": "2", "amount": "25.71"},
                    {"row": "210", "col": "2", "amount": "25.00"}]},
                  {"table": "06", "cells": [
                    {"row": "30101", "col": "1", "amount": "191.13"},
                    {"row": "30102", "col": "1", "amount": "109.88"},
                    {"row": "30305", "col": "1", "amount": "47.56"}]}]}"""));

        ReportTable t05 = SubtotalDeriver.complete(sent, Y2023).tables().get(0);
        ReportTable t06 = SubtotalDeriver.complete(sent, Y2023).tables().get(1);

        assertEquals(cell("20801", "2", "569.03", true), find(t05, "20801", "2"));
        assertEquals(cell("208", "2", "633.75", true), find(t05, "208", "2"));
        // 210 was sent (wrongly): kept as sent, so the audit can flag it; 合计 adds what the 类 rows say.
        assertEquals(cell("210", "2", "25.00", null), find(t05, "210", "2"));
        assertEquals(cell("total", "2", "658.75", true), find(t05, "total", "2"));
        assertEquals(cell("301", "1", "301.01", true), find(t06, "301", "1"));
        assertEquals(cell("personnel_total", "1", "348.57", true), find(t06, "personnel_total", "1"));
        assertNull(find(t06, "public_total", "1"));
        assertEquals(List.of("total", "208", "20801", "2080109", "2080199", "20805", "2080505", "210", "21011", "2101101"),
                t05.cells().stream().map(ReportCell::row).toList());
    }

    private static ReportCell cell(String row, String col, String amount, Boolean derived) {
        return new ReportCell(row, col, new java.math.BigDecimal(amount), derived);
    }

    private static ReportCell find(ReportTable t, String row, String col) {
        return t.cells().stream().filter(c -> c.row().equals(row) && c.col().equals(col)).findFirst().orElse(null);
    }
}
