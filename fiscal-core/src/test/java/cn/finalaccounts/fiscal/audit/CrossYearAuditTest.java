package cn.finalaccounts.fiscal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** C1–C2: this year's opening balances are last year's closing ones; without last year they are not checked. */
class CrossYearAuditTest {
    private static final String LAST_YEAR = """
            {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
              {"table": "01", "cells": [{"row": "closing_balance", "col": "2", "amount": "12.50"}]},
              {"table": "04", "cells": [{"row": "closing_fiscal_balance", "col": "3", "amount": "10.00"}]},
              {"table": "07", "cells": [{"row": "total", "col": "6", "amount": "3.00"}]}]}""";

    @Test
    void openingBalancesMustEqualLastYearsClosingOnes() throws IOException {
        String thisYear = """
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "opening_balance", "col": "1", "amount": "12.40"}]},
                  {"table": "04", "cells": [{"row": "opening_fiscal_balance_general", "col": "1", "amount": "10.00"}]},
                  {"table": "07", "cells": [{"row": "total", "col": "1", "amount": "2.00"}]}]}""";

        List<String> crossYear = audit(thisYear, LAST_YEAR).stream().filter(f -> f.rule().startsWith("C"))
                .map(f -> f.rule() + "@" + f.cell().table() + "." + f.cell().row() + " " + f.printed() + "≠" + f.expected())
                .sorted().toList();

        assertEquals(List.of("C1@01.opening_balance 12.40≠12.50", "C2@07.total 2.00≠3.00"), crossYear);
    }

    @Test
    void withoutLastYearsReportTheCrossYearRulesAreNotCheckedAndTheNotesSaySo() throws IOException {
        String thisYear = """
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "opening_balance", "col": "1", "amount": "12.40"}]}]}""";

        List<Finding> crossYear = audit(thisYear, null).stream().filter(f -> f.rule().startsWith("C")).toList();

        assertEquals(List.of("C1 INFO 01.opening_balance.1 12.40", "C2 INFO 04.opening_fiscal_balance_general.1 null"),
                crossYear.stream().map(f -> f.rule() + " " + f.severity() + " " + f.cell().table() + "."
                        + f.cell().row() + "." + f.cell().col() + " " + f.printed()).toList());
        assertEquals("未核对：上年没有本单位（或其前身单位）的决算报告，新成立单位无上年比较数据（01表 年初结转和结余 = 上年"
                + " 年末结转和结余（调整须说明））", crossYear.get(0).messageZh());
        assertEquals(null, crossYear.get(0).expected());
    }

    @Test
    void aCarryForwardOffByOneFenIsAnErrorAndAnExactOneIsNot() throws IOException {
        String exact = """
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "opening_balance", "col": "1", "amount": "12.50"}]},
                  {"table": "04", "cells": [{"row": "opening_fiscal_balance_general", "col": "1", "amount": "10.00"}]},
                  {"table": "07", "cells": [{"row": "total", "col": "1", "amount": "3.00"}]}]}""";

        assertEquals(List.of(), audit(exact, LAST_YEAR).stream().filter(f -> f.rule().startsWith("C")).toList());
        List<Finding> offByOneFen = audit(exact.replace("\"12.50\"", "\"12.49\""), LAST_YEAR).stream()
                .filter(f -> f.rule().startsWith("C")).toList();
        assertEquals(List.of("C1 ERROR 12.49 12.50 -0.01"), offByOneFen.stream().map(f -> f.rule() + " "
                + f.severity() + " " + f.printed() + " " + f.expected() + " " + f.difference()).toList());
    }

    private static List<Finding> audit(String current, String previous) throws IOException {
        var year = FiscalYears.current().year(2023).orElseThrow();
        ReportParser parser = new ReportParser(FiscalYears.current());
        ReportBody now = SubtotalDeriver.complete(parser.parse(new ObjectMapper().readTree(current)), year);
        ReportBody before = previous == null ? null
                : SubtotalDeriver.complete(parser.parse(new ObjectMapper().readTree(previous)), year);
        return new Auditor(year).audit(new AuditInput(now, before, UnitType.PUBLIC_INSTITUTION));
    }
}
