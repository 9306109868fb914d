package cn.finalaccounts.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The published 2023 决算 of 怀化市养老和工伤保险服务中心 goes out as a workbook and comes back as the same report:
 * every figure exact, every derived subtotal still derived, every figure the unit sent still sent.
 */
class SeedRoundTripTest {
    private final ReportBody completed = Fixtures.seedCompleted();
    private final List<Finding> findings = Fixtures.audit(completed);
    private final byte[] xlsx = Fixtures.workbook(Fixtures.HEADING, completed, findings);

    @Test
    void theSeedComesBackCellForCellWithItsDerivedFlags() {
        ReportBody back = Fixtures.readAndSave(xlsx);

        assertEquals(Fixtures.tableIds(completed), Fixtures.tableIds(back));
        assertEquals(Fixtures.cells(completed), Fixtures.cells(back));
        // Compared exactly once more, as BigDecimal and in the order the working view lists them.
        for (int t = 0; t < completed.tables().size(); t++) {
            ReportTable expected = completed.tables().get(t);
            ReportTable actual = back.tables().get(t);
            assertEquals(expected.cells().size(), actual.cells().size(), expected.table());
            for (int c = 0; c < expected.cells().size(); c++) {
                ReportCell e = expected.cells().get(c);
                ReportCell a = actual.cells().get(c);
                assertEquals(e.row() + "/" + e.col(), a.row() + "/" + a.col());
                assertEquals(0, e.amount().compareTo(a.amount()), e.row() + "/" + e.col());
                assertEquals(e.derived(), a.derived(), e.row() + "/" + e.col());
            }
        }
        assertEquals("万元", back.amountUnit().label());
        assertEquals(2023, back.year());
        assertEquals(Fixtures.UNIT, back.unit());
    }

    @Test
    void theSeedHasDerivedAndSentSubtotalsBothOfWhichSurvive() {
        // Not a vacuous round trip: the seed sends its 05表 合计 (checked, 695.12 against Σ 695.72) and leaves its
        // 类 and 款 to be derived.
        assertEquals("695.12", Fixtures.cells(completed).get("05.total.2"));
        assertEquals("875.52 (derived)", Fixtures.cells(completed).get("05.208.1"));
        ReportBody back = Fixtures.readAndSave(xlsx);
        assertEquals("695.12", Fixtures.cells(back).get("05.total.2"));
        assertEquals("875.52 (derived)", Fixtures.cells(back).get("05.208.1"));
        assertEquals("0.00", Fixtures.cells(back).get("03.2080199.3"));
    }

    @Test
    void eachTableHasItsSheetNamedAsPrintedAndTheFindingsComeLast() {
        try (XSSFWorkbook wb = Fixtures.open(xlsx)) {
            List<String> names = new ArrayList<>();
            wb.forEach(s -> names.add(s.getSheetName()));
            assertEquals(List.of("公开01表", "公开02表", "公开03表", "公开04表", "公开05表", "公开06表", "公开07表",
                    "公开08表", "公开09表", "情况说明数字", "审核结果"), names);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void table05IsLaidOutAsPrintedWithNumbersFormattedAsAmounts() throws Exception {
        try (XSSFWorkbook wb = Fixtures.open(xlsx)) {
            XSSFSheet s = wb.getSheet("公开05表");
            assertEquals("一般公共预算财政拨款支出决算表", text(s, "A1"));
            assertEquals("公开05表", text(s, "E2"));
            assertEquals("编制单位：怀化市养老和工伤保险服务中心", text(s, "A3"));
            assertEquals("2023年度", text(s, "C3"));
            assertEquals("单位：万元", text(s, "E3"));
            assertEquals("项    目", text(s, "A4"));
            assertEquals("本年支出", text(s, "C4"));
            assertEquals("功能分类科目编码", text(s, "A5"));
            assertEquals("基本支出", text(s, "D5"));
            assertEquals("栏    次", text(s, "A6"));
            assertEquals(2d, cell(s, "D6").getNumericCellValue());
            assertEquals("合计", text(s, "B7"));
            assertTrue(s.getMergedRegions().stream().anyMatch(r -> r.formatAsString().equals("C4:E4")),
                    "本年支出 spans its three 栏次");

            XSSFCell basicTotal = cell(s, "D7");
            assertEquals(CellType.NUMERIC, basicTotal.getCellType());
            assertEquals(new BigDecimal("695.12"), BigDecimal.valueOf(basicTotal.getNumericCellValue()));
            assertEquals("#,##0.00", basicTotal.getCellStyle().getDataFormatString());

            assertEquals("208", text(s, "A8"));
            XSSFCell derived = cell(s, "C8");
            assertEquals(CellType.FORMULA, derived.getCellType());
            assertEquals("SUM(C9,C12,C15,C17)", derived.getCellFormula());
            assertEquals(new BigDecimal("875.52"), BigDecimal.valueOf(derived.getNumericCellValue()));
        }
    }

    @Test
    void table01PrintsIncomeAndExpenditureSideBySideWithTheirLineNumbers() throws Exception {
        try (XSSFWorkbook wb = Fixtures.open(xlsx)) {
            XSSFSheet s = wb.getSheet("公开01表");
            assertEquals("收入", text(s, "A4"));
            assertEquals("支出", text(s, "D4"));
            assertEquals("栏    次", text(s, "A6"));
            assertEquals("栏    次", text(s, "D6"));
            assertEquals("一、一般公共预算财政拨款收入", text(s, "A7"));
            assertEquals(1d, cell(s, "B7").getNumericCellValue());
            assertEquals(new BigDecimal("901.23"), BigDecimal.valueOf(cell(s, "C7").getNumericCellValue()));
            assertEquals("一、一般公共服务支出", text(s, "D7"));
            assertEquals("八、社会保障和就业支出", text(s, "D14"));
            assertEquals(new BigDecimal("875.52"), BigDecimal.valueOf(cell(s, "F14").getNumericCellValue()));
        }
    }

    @Test
    void everyFindingNamesTheCellItIsAbout() throws Exception {
        Finding a705 = findings.stream().filter(f -> f.rule().equals("A7.05")).findFirst().orElseThrow();
        assertEquals("total", a705.cell().row());
        try (XSSFWorkbook wb = Fixtures.open(xlsx)) {
            XSSFSheet s = wb.getSheet("审核结果");
            assertEquals(findings.size() + 1, s.getLastRowNum());
            boolean found = false;
            for (int r = 2; r <= s.getLastRowNum(); r++) {
                if ("A7.05".equals(s.getRow(r).getCell(0).getStringCellValue())) {
                    found = true;
                    assertEquals("错误", s.getRow(r).getCell(1).getStringCellValue());
                    assertEquals("公开05表!D7", s.getRow(r).getCell(2).getStringCellValue());
                    assertEquals(695.12, s.getRow(r).getCell(4).getNumericCellValue());
                    assertEquals(695.72, s.getRow(r).getCell(5).getNumericCellValue());
                    assertEquals(-0.6, s.getRow(r).getCell(6).getNumericCellValue(), 0.0);
                }
            }
            assertTrue(found);
        }
    }

    @Test
    void theFindingsSheetIsNotReadBack() {
        // 审核结果 holds cells such as 公开05表!D7 in its first rows; it must not be taken for a table.
        assertFalse(Fixtures.read(xlsx).report().toString().contains("审核"));
    }

    static XSSFCell cell(XSSFSheet s, String ref) {
        var r = new org.apache.poi.ss.util.CellReference(ref);
        return s.getRow(r.getRow()).getCell(r.getCol());
    }

    static String text(XSSFSheet s, String ref) {
        return cell(s, ref).getStringCellValue();
    }
}
