package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.narrative.NarrativeCheck;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.NarrativeFinding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's generated 2022 (deploy/demo/years/2022, deploy/demo/reports/2022: the two units the seed unit was merged
 * from) is the last year the seed's own 情况说明 speaks of: each report passes its audit, and added up in 2023's codes
 * they make the seed's 比上年 sentences recompute (收支总计 减少61.25万元, 财政拨款 减少49.93万元) and carry forward
 * the seed's blank 年初结转和结余 exactly.
 */
class DemoLastYearTest {
    private static final Path DEMO = Path.of("../deploy/demo");
    private static final FiscalYears YEARS = withThe2022Demonstration();
    private static final FiscalYear Y2022 = YEARS.year(2022).orElseThrow();
    private static final FiscalYear Y2023 = YEARS.year(2023).orElseThrow();

    @Test
    void eachPredecessorsReportPassesIts2022Audit() throws IOException {
        for (ReportBody r : predecessors()) {
            List<Finding> findings = new Auditor(Y2022).audit(new AuditInput(SubtotalDeriver.complete(r, Y2022), null,
                    UnitType.CIVIL_SERVICE_MANAGED));
            assertEquals(List.of(), findings.stream().filter(f -> f.severity() != Severity.INFO)
                    .map(f -> f.rule() + " " + f.cell()).toList(), r.unit());
        }
    }

    @Test
    void addedUpTheyAreTheLastYearOfTheSeedsSentences() throws IOException {
        ReportBody last = LastYear.of("HH-RSJ-YLGS", Y2023, predecessors(), Map.of()).report();

        assertEquals(new BigDecimal("962.64"), cell(last, "01", "income_grand_total", "1"));
        assertEquals(new BigDecimal("951.16"), cell(last, "04", "income_total", "1"));
        assertEquals(new BigDecimal("951.16"), cell(last, "04", "expense_total", "2"));
        assertEquals(null, cell(last, "01", "closing_balance", "2"));

        ReportBody seed = seed();
        List<Finding> crossYear = new Auditor(Y2023).audit(new AuditInput(seed, last, UnitType.CIVIL_SERVICE_MANAGED))
                .stream().filter(f -> f.rule().startsWith("C")).toList();
        assertEquals(List.of(), crossYear, "the seed's blank 年初 carries the predecessors' blank 年末 forward");

        NarrativeCheckResult r = new NarrativeCheck(Y2023.narrativeRules(), Y2023.template())
                .check(seedText(), seed, last, UnitType.CIVIL_SERVICE_MANAGED);
        List<String> lastYearMatches = r.matched().stream().filter(m -> m.rule().startsWith("NY0"))
                .map(m -> m.rule() + " " + m.figure() + " " + m.recomputed()).toList();
        // "收、支总计901.39万元。比上年度收支减少61.25万元", "财政拨款收、支总计901.23万元，比上年减少49.93万元" and
        // "财政拨款支出901.23万元，占本年支出合计的99.98%，比上年减少49.93万元": each recomputes from the two years.
        assertEquals(List.of("NY01B 61.25万元 61.25", "NY02B 901.23万元 901.23", "NY02B 49.93万元 49.93",
                "NY08B 49.93万元 49.93"), lastYearMatches);
        // The seed says of 机关运行经费 that it has no last year to compare with; with this 2022 that is a finding.
        assertEquals(List.of("NY00"), r.findings().stream().map(NarrativeFinding::rule)
                .filter(rule -> rule.startsWith("NY")).toList());
    }

    private static BigDecimal cell(ReportBody report, String table, String row, String col) {
        return report.toSheet().cells().get(new CellKey(table, row, col));
    }

    private static List<ReportBody> predecessors() throws IOException {
        return List.of(parse("reports/2022/HH-RSJ-SBZX.json"), parse("reports/2022/HH-RSJ-GSZX.json"));
    }

    private static ReportBody seed() throws IOException {
        return SubtotalDeriver.complete(parse("reports/2023/HH-RSJ-YLGS.json"), Y2023);
    }

    private static ReportBody parse(String file) throws IOException {
        return new ReportParser(YEARS).parse(new ObjectMapper().readTree(Files.readString(DEMO.resolve(file))));
    }

    private static String seedText() throws IOException {
        try (InputStream in = DemoLastYearTest.class.getResourceAsStream("/narrative/HH-RSJ-YLGS-2023-qingkuang.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A registry of its own with 2022 opened from the demo's folder before 2023, as platform.sh up opens it. */
    private static FiscalYears withThe2022Demonstration() {
        FiscalYears years = FiscalYears.ofBundled();
        try {
            YearOpening.Plan plan = YearOpening.dryRun(years.sources(2023).orElseThrow(), years.year(2023).orElseThrow(),
                    2022, YearOpening.YearFiles.lists(Map.of(Classification.FUNCTIONAL,
                            Files.readAllBytes(DEMO.resolve("years/2022/functional.csv")))));
            assertEquals(List.of(), plan.problems());
            years.add(plan.sources());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return years;
    }
}
