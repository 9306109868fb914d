package cn.finalaccounts.fiscal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportOrderTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();
    private static final ReportParser PARSER = new ReportParser(FiscalYears.current());

    @Test
    void theSameFiguresInAnyOrderHaveOneStoredSpelling() throws IOException {
        ReportBody asSent = parse("""
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "06", "cells": [{"row": "personnel_total", "col": "1", "amount": "618.14"},
                    {"row": "30101", "col": "1", "amount": "191.13"}]},
                  {"table": "05", "cells": [
                    {"row": "2101101", "col": "2", "amount": "25.71"},
                    {"row": "2080109", "col": "2", "amount": "515.83"},
                    {"row": "total", "col": "2", "amount": "695.12"}]},
                  {"table": "09", "cells": [{"row": "sangong", "col": "12", "amount": "1.20"},
                    {"row": "sangong", "col": "6", "amount": "1.20"}]}]}""");
        ReportBody asLaidOut = parse("""
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "05", "cells": [
                    {"row": "total", "col": "2", "amount": "695.12"},
                    {"row": "2080109", "col": "2", "amount": "515.83"},
                    {"row": "2101101", "col": "2", "amount": "25.71"}]},
                  {"table": "06", "cells": [{"row": "30101", "col": "1", "amount": "191.13"},
                    {"row": "personnel_total", "col": "1", "amount": "618.14"}]},
                  {"table": "09", "cells": [{"row": "sangong", "col": "6", "amount": "1.20"},
                    {"row": "sangong", "col": "12", "amount": "1.20"}]}]}""");

        ReportBody canonical = ReportOrder.canonical(asSent, Y2023);

        assertEquals(ReportJson.write(ReportOrder.canonical(asLaidOut, Y2023)), ReportJson.write(canonical));
        assertEquals(List.of("05", "06", "09"), canonical.tables().stream().map(ReportTable::table).toList());
        assertEquals(List.of("total/2", "2080109/2", "2101101/2"),
                canonical.tables().get(0).cells().stream().map(c -> c.row() + "/" + c.col()).toList());
        assertEquals(List.of("30101/1", "personnel_total/1"),
                canonical.tables().get(1).cells().stream().map(c -> c.row() + "/" + c.col()).toList());
        // 栏次 by number, not as text: 6 before 12.
        assertEquals(List.of("sangong/6", "sangong/12"),
                canonical.tables().get(2).cells().stream().map(c -> c.row() + "/" + c.col()).toList());
    }

    private static ReportBody parse(String json) throws IOException {
        return PARSER.parse(new ObjectMapper().readTree(json));
    }
}
