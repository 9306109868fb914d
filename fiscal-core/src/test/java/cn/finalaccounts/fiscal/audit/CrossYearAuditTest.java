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
    void withoutLastYearsReportTheCrossYearRulesAreSkipped() throws IOException {
        String thisYear = """
                {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
                  {"table": "01", "cells": [{"row": "opening_balance", "col": "1", "amount": "12.40"}]}]}""";

        assertEquals(0, audit(thisYear, null).stream().filter(f -> f.rule().startsWith("C")).count());
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
