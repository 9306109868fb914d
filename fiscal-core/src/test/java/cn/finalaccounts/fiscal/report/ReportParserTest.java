package cn.finalaccounts.fiscal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportParserTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReportParser parser = new ReportParser(FiscalYears.current());

    static JsonNode seedReport() throws IOException {
        return JSON.readTree(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json").toFile());
    }

    @Test
    void theSeedFixtureParsesCellForCell() throws IOException {
        ReportBody report = parser.parse(seedReport());

        assertEquals("HH-RSJ-YLGS", report.unit());
        assertEquals(2023, report.year());
        assertEquals(AmountUnit.WAN_YUAN, report.amountUnit());
        assertEquals(10, report.tables().size());
        assertEquals(109, report.tables().stream().mapToInt(t -> t.cells().size()).sum());
        CellSheet sheet = report.toSheet();
        assertEquals(new BigDecimal("901.23"), sheet.cells().get(new CellKey("01", "general_budget_appropriation", "1")));
        assertEquals(new BigDecimal("515.83"), sheet.cells().get(new CellKey("05", "2080109", "2")));
        assertEquals(new BigDecimal("618.14"), sheet.cells().get(new CellKey("06", "personnel_total", "1")));
    }

    @Test
    void everyOffendingCellIsNamedByItsPath() throws IOException {
        String body = """
                {"unit": "U1", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [
                    {"row": "general_budget_appropriation", "col": "1", "amount": "901.231"},
                    {"row": "no_such_row", "col": "1", "amount": "1.00"},
                    {"row": "income_total", "col": "2", "amount": "1.00"},
                    {"row": "other_income", "col": "1", "amount": 0.16},
                    {"row": "business_income", "col": "1", "amount": "12a"},
                    {"row": "operating_income", "col": "1", "amount": "-3.00"},
                    {"row": "opening_balance", "col": "1", "amount": "-3.00"}
                  ]},
                  {"table": "10", "cells": []},
                  {"table": "02", "cells": [
                    {"row": "9999999", "col": "1", "amount": "1.00"},
                    {"row": "2080109", "col": "8", "amount": "1.00"},
                    {"row": "2080109", "col": "1", "amount": "1.00"},
                    {"row": "2080109", "col": "1", "amount": "2.00"}
                  ]}
                ]}""";

        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parser.parse(JSON.readTree(body)));

        List<String> fields = e.violations().stream().map(Violation::field).toList();
        assertEquals(List.of(
                "tables[0].cells[0].amount",
                "tables[0].cells[1].row",
                "tables[0].cells[2].col",
                "tables[0].cells[3].amount",
                "tables[0].cells[4].amount",
                "tables[0].cells[5].amount",
                "tables[1].table",
                "tables[2].cells[0].row",
                "tables[2].cells[1].col",
                "tables[2].cells[3]"), fields);
        assertTrue(e.violations().get(0).reason().contains("3 decimals"));
        assertTrue(e.violations().get(3).reason().contains("not a JSON number"));
    }

    @Test
    void aYearOutOfRangeOrWithoutTemplateIsRefused() throws IOException {
        InvalidInputException outOfRange = assertThrows(InvalidInputException.class, () -> parser.parse(JSON.readTree(
                "{\"unit\": \"U1\", \"year\": 1899, \"amountUnit\": \"万元\", \"tables\": []}")));
        assertEquals(List.of(new Violation("year", "1899 is out of range 2000–2099")), outOfRange.violations());

        InvalidInputException noTemplate = assertThrows(InvalidInputException.class, () -> parser.parse(JSON.readTree(
                "{\"unit\": \"U1\", \"year\": 2031, \"amountUnit\": \"美元\", \"tables\": []}")));
        assertEquals(List.of("amountUnit", "year"), noTemplate.violations().stream().map(Violation::field).sorted().toList());
    }

    @Test
    void anAmountInYuanIsConvertedToWanYuanWithoutLoss() throws IOException {
        ReportBody report = parser.parse(JSON.readTree("""
                {"unit": "U1", "year": 2023, "amountUnit": "元", "tables": [
                  {"table": "01", "cells": [{"row": "other_income", "col": "1", "amount": "1600.07"}]}]}"""));

        assertEquals(new BigDecimal("0.160007"), report.toSheet().cells().get(new CellKey("01", "other_income", "1")));
    }
}
