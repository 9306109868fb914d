package cn.finalaccounts.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark's report must be what it claims: about 300 cells, and clean under every error-level rule. */
class ReportGeneratorTest {
    @Test
    void generatedReportsAreFullSizedAndPassTheAudit() {
        FiscalYear year = FiscalYears.current().year(2023).orElseThrow();
        for (long seed = 1; seed <= 20; seed++) {
            ReportBody report = new ReportGenerator(year).generate("U" + seed, 35, seed);
            // It goes through the same parser as a report sent over the API: every code is in the catalogue.
            assertEquals(report, new ReportParser(FiscalYears.current()).parse(EventCodec.tree(report)));
            int cells = report.tables().stream().mapToInt(t -> t.cells().size()).sum();
            assertTrue(cells >= 250 && cells <= 330, "cells: " + cells);
            List<Finding> errors = new Auditor(year).audit(new AuditInput(SubtotalDeriver.complete(report, year), null,
                    UnitType.PUBLIC_INSTITUTION)).stream().filter(f -> f.severity() == Severity.ERROR).toList();
            assertEquals(List.of(), errors, "seed " + seed);
        }
    }
}
