package cn.finalaccounts.fiscal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The published 2023 决算 of 怀化市养老和工伤保险服务中心, audited: exactly the error-level findings S1–S5 of
 * seed-findings.md, and no finding where the seed's checks pass.
 */
class SeedAuditTest {
    static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();

    static List<Finding> audit(String json) throws IOException {
        ReportBody sent = new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(json));
        return new Auditor(Y2023).audit(new AuditInput(SubtotalDeriver.complete(sent, Y2023), null,
                UnitType.CIVIL_SERVICE_MANAGED));
    }

    static String seed() throws IOException {
        return Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"));
    }

    static String key(Finding f) {
        return f.rule() + "@" + f.cell().table() + "." + f.cell().row() + "." + f.cell().col();
    }

    @Test
    void theSeedHasExactlyTheFiveErrorFindings() throws IOException {
        List<Finding> findings = audit(seed());

        List<String> errors = findings.stream().filter(f -> f.severity() == Severity.ERROR).map(SeedAuditTest::key)
                .sorted().toList();
        assertEquals(List.of(
                "A10@04.income_grand_total.1",     // S4: 04表 收入总计 blank
                "A12@04.expense_grand_total.2",    // S4: 04表 支出总计 blank (合计 column)
                "A12@04.expense_grand_total.3",    // S4: 04表 支出总计 blank (一般公共预算 column)
                "A14@05.total.1",                  // S2: 05表 小计 901.23 ≠ 695.12 + 205.51
                "A19@09.sangong.1",                // S5: 09表 预算数 合计 8.03 ≠ 0 + 0 + 1.20
                "A7.05@05.total.2",                // S1: 05表 合计·基本支出 695.12 ≠ Σ rows 695.72
                "B7@05.total.2"),                  // S3: 05表 基本支出 695.12 ≠ 06表 618.14 + 77.58
                errors);
    }

    @Test
    void eachErrorCarriesThePrintedTheExpectedAndTheDifference() throws IOException {
        List<Finding> findings = audit(seed());

        Finding s1 = find(findings, "A7.05@05.total.2");
        assertEquals("695.12", s1.printed());
        assertEquals("695.72", s1.expected());
        assertEquals("-0.60", s1.difference());
        assertEquals("公开05表 · 合计 · 本年支出 基本支出", s1.cell().label());
        assertEquals(List.of("208", "210"), s1.against().stream().map(Finding.CellRef::row).toList());

        Finding s2 = find(findings, "A14@05.total.1");
        assertEquals("901.23", s2.printed());
        assertEquals("900.63", s2.expected());
        assertEquals("0.60", s2.difference());

        Finding s3 = find(findings, "B7@05.total.2");
        assertEquals("695.12", s3.printed());
        assertEquals("695.72", s3.expected());
        assertEquals("T05.total.2 = T06.personnel_total.1 + T06.public_total.1", s3.check());

        Finding s4 = find(findings, "A10@04.income_grand_total.1");
        assertNull(s4.printed());
        assertEquals("901.23", s4.expected());
        assertEquals("901.23", find(findings, "A12@04.expense_grand_total.2").expected());

        Finding s5 = find(findings, "A19@09.sangong.1");
        assertEquals("8.03", s5.printed());
        assertEquals("1.20", s5.expected());
        assertEquals("6.83", s5.difference());
        assertEquals("09表 合计 = 因公出国（境）费 + 公务用车购置及运行维护费 + 公务接待费；公务用车小计 = 购置费 + 运行维护费（预算数、决算数分别）",
                s5.messageZh());
    }

    @Test
    void theNarrativeContradictionsAreWarningsNotErrors() throws IOException {
        List<Finding> warnings = audit(seed()).stream().filter(f -> f.severity() == Severity.WARNING).toList();

        assertEquals(List.of("B15@N.sangong_budget.1", "B16@N.office_operating_cost.1"),
                warnings.stream().map(SeedAuditTest::key).sorted().toList());
        Finding n5 = find(warnings, "B16@N.office_operating_cost.1");
        assertEquals("63.52", n5.printed());
        assertEquals("77.58", n5.expected());
    }

    /** The seed's unit was formed in 2021 and has no 2022 report here: the rules across years say they did not run. */
    @Test
    void withoutLastYearTheRulesAcrossYearsAreNotesNotFindingsOfTheFigures() throws IOException {
        List<Finding> notes = audit(seed()).stream().filter(f -> f.severity() == Severity.INFO).toList();

        assertEquals(List.of("C1@01.opening_balance.1", "C2@04.opening_fiscal_balance_general.1"),
                notes.stream().map(SeedAuditTest::key).sorted().toList());
        assertEquals(null, find(notes, "C1@01.opening_balance.1").printed());
    }

    @Test
    void b16AppliesToAdministrativeAndCivilServiceManagedUnitsOnly() throws IOException {
        ReportBody sent = new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(seed()));
        List<Finding> asInstitution = new Auditor(Y2023).audit(new AuditInput(SubtotalDeriver.complete(sent, Y2023),
                null, UnitType.PUBLIC_INSTITUTION));

        assertEquals(0, asInstitution.stream().filter(f -> f.rule().equals("B16")).count());
    }

    static Finding find(List<Finding> findings, String key) {
        return findings.stream().filter(f -> key(f).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no finding " + key + " in " + findings.stream().map(SeedAuditTest::key).toList()));
    }
}
