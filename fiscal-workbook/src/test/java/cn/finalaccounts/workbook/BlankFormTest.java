package cn.finalaccounts.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.report.ReportBody;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The blank form (空白表样) of 2023: a unit fills a few figures in Excel and sends it back. */
class BlankFormTest {

    @Test
    void theBlankFormListsEveryCatalogueRowWithSubtotalsAsFormulas() throws Exception {
        try (XSSFWorkbook wb = Fixtures.open(Fixtures.blank())) {
            XSSFSheet t05 = wb.getSheet("公开05表");
            assertEquals("空白表样", t05.getRow(1).getCell(0).getStringCellValue());
            assertEquals("2023年度", t05.getRow(2).getCell(2).getStringCellValue());
            assertEquals("合计", t05.getRow(6).getCell(1).getStringCellValue());
            int functionalCodes = Fixtures.Y2023.functional().subjects().size();
            assertEquals(6 + 1 + functionalCodes - 1, t05.getLastRowNum(), "title, code, heading, 2 header rows,"
                    + " 栏次, then 合计 and every 类, 款 and 项");
            // 合计 = Σ 类, and a 类 = Σ its 款: formulas an officer sees follow the figures typed below.
            assertEquals(CellType.FORMULA, t05.getRow(6).getCell(2).getCellType());
            assertTrue(t05.getRow(6).getCell(2).getCellFormula().startsWith("SUM(C8,"));
            int row208 = Sheets.rowOf(t05, 0, "208");
            assertEquals(CellType.FORMULA, t05.getRow(row208 - 1).getCell(3).getCellType());
            int row2080109 = Sheets.rowOf(t05, 0, "2080109");
            assertEquals(CellType.BLANK, t05.getRow(row2080109 - 1).getCell(3).getCellType());

            XSSFSheet t06 = wb.getSheet("公开06表");
            int personnel = Sheets.rowOf(t06, 1, "人员经费合计");
            int row301 = Sheets.rowOf(t06, 0, "301");
            int row303 = Sheets.rowOf(t06, 0, "303");
            assertEquals("SUM(C" + row301 + ",C" + row303 + ")",
                    t06.getRow(personnel - 1).getCell(2).getCellFormula());
        }
    }

    @Test
    void figuresTypedIntoTheBlankFormComeBackAsTheReportWithTheSubtotalsDerived() throws Exception {
        byte[] filled;
        try (XSSFWorkbook wb = Fixtures.open(Fixtures.blank())) {
            XSSFSheet t01 = wb.getSheet("公开01表");
            Sheets.type(t01, "C7", 901.23);                         // 一、一般公共预算财政拨款收入, 行次 1
            int social = Sheets.rowOf(t01, 3, "八、社会保障和就业支出");
            Sheets.type(t01, "F" + social, "875.52");               // typed as text, as some officers do
            XSSFSheet t05 = wb.getSheet("公开05表");
            int r = Sheets.rowOf(t05, 0, "2080109");
            Sheets.type(t05, "C" + r, 690.25);
            Sheets.type(t05, "D" + r, 515.83);
            Sheets.type(t05, "E" + r, 174.42);
            int r2 = Sheets.rowOf(t05, 0, "2101101");
            Sheets.type(t05, "D" + r2, 0);                          // a typed 0 is a figure: 0.00
            XSSFSheet t09 = wb.getSheet("公开09表");
            Sheets.type(t09, "L8", 1.2);                            // 栏12 决算数 公务接待费
            XSSFSheet narrative = wb.getSheet("情况说明数字");
            Sheets.type(narrative, "B" + Sheets.rowOf(narrative, 0, "机关运行经费"), 63.52);
            filled = Fixtures.bytes(wb);
        }

        ReportBody report = Fixtures.readAndSave(filled);

        Map<String, String> expected = new TreeMap<>(Map.ofEntries(
                Map.entry("01.general_budget_appropriation.1", "901.23"),
                Map.entry("01.208.2", "875.52"),
                Map.entry("05.2080109.1", "690.25"),
                Map.entry("05.2080109.2", "515.83"),
                Map.entry("05.2080109.3", "174.42"),
                Map.entry("05.2101101.2", "0.00"),
                Map.entry("05.20801.1", "690.25 (derived)"),
                Map.entry("05.20801.2", "515.83 (derived)"),
                Map.entry("05.20801.3", "174.42 (derived)"),
                Map.entry("05.208.1", "690.25 (derived)"),
                Map.entry("05.208.2", "515.83 (derived)"),
                Map.entry("05.208.3", "174.42 (derived)"),
                Map.entry("05.21011.2", "0.00 (derived)"),
                Map.entry("05.210.2", "0.00 (derived)"),
                Map.entry("05.total.1", "690.25 (derived)"),
                Map.entry("05.total.2", "515.83 (derived)"),
                Map.entry("05.total.3", "174.42 (derived)"),
                Map.entry("09.sangong.12", "1.20"),
                Map.entry("N.office_operating_cost.1", "63.52")));
        assertEquals(expected, Fixtures.cells(report));
        assertEquals("万元", report.amountUnit().label());
    }
}
