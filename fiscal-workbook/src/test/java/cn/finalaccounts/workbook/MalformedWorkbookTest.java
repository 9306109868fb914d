package cn.finalaccounts.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.validation.Violation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * What an officer's workbook may look like after Excel, and what the reader says. The starting point is the seed's
 * own workbook, where 公开05表 row 10 is 2080109 社会保险经办机构 (C10 栏1 690.25, D10 栏2 515.83, E10 栏3 174.42)
 * and 公开01表 row 7 is 行次 1, 一、一般公共预算财政拨款收入, 901.23 in C7.
 */
class MalformedWorkbookTest {
    private static final byte[] SEED = Fixtures.workbook(Fixtures.HEADING, Fixtures.seedCompleted(),
            Fixtures.audit(Fixtures.seedCompleted()));

    /** The seed's workbook after {@code edit}, saved as Excel would. */
    private static byte[] edited(Consumer<XSSFWorkbook> edit) {
        XSSFWorkbook wb = Fixtures.open(SEED);
        edit.accept(wb);
        return Fixtures.bytes(wb);
    }

    private static void assertRefused(byte[] xlsx, String field, String... reasonWords) {
        Violation v = Fixtures.onlyViolation(xlsx);
        assertEquals(field, v.field(), v::toString);
        for (String word : reasonWords) {
            assertTrue(v.reason().contains(word), () -> "'" + word + "' not in: " + v.reason());
        }
    }

    private static String amount(ReportBody report, String cell) {
        return Fixtures.cells(report).get(cell);
    }

    @Test
    void textHoldingANumberWithThousandsGroupedIsAcceptedExactly() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            Sheets.type(wb.getSheet("公开05表"), "C10", "1,234.50");
            Sheets.type(wb.getSheet("公开05表"), "D10", " 1234.5 ");
        }));
        assertEquals("1234.50", amount(r, "05.2080109.1"));
        assertEquals("1234.50", amount(r, "05.2080109.2"));
    }

    @Test
    void textThatIsNoAmountIsRefusedNamingTheCell() {
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "D10", "1.234,50")),
                "公开05表!D10", "'1.234,50' is not an amount");
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "D10", "12,34")),
                "公开05表!D10", "'12,34' is not an amount");
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "D10", "abc")),
                "公开05表!D10", "'abc' is not an amount");
    }

    @Test
    void everyBadCellIsListedNotOnlyTheFirst() {
        List<Violation> v = Fixtures.refusal(edited(wb -> {
            Sheets.type(wb.getSheet("公开05表"), "D10", "abc");
            Sheets.type(wb.getSheet("公开03表"), "C10", 1.005);
        }));
        assertEquals(List.of("公开03表!C10", "公开05表!D10"), v.stream().map(Violation::field).sorted().toList());
    }

    @Test
    void threeDecimalsAreRefusedAsTheJsonPathRefusesThem() {
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "D10", 515.834)),
                "公开05表!D10", "'515.834' has 3 decimals; at most 2 are allowed");
    }

    @Test
    void aFormulaCountsWithItsCalculatedValueOutsideSubtotalRows() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            XSSFCell c = (XSSFCell) Sheets.fresh(wb.getSheet("公开05表"), "D10");
            c.setCellFormula("500+15.83");
            c.setCellValue(515.83);
        }));
        assertEquals("515.83", amount(r, "05.2080109.2"));
    }

    @Test
    void aFormulaWithoutCalculatedValueIsRefused() {
        assertRefused(edited(wb -> {
            XSSFCell c = (XSSFCell) Sheets.fresh(wb.getSheet("公开05表"), "D10");
            c.setCellFormula("500+15.83");
            if (c.getCTCell().isSetV()) {
                c.getCTCell().unsetV();
            }
        }), "公开05表!D10", "a formula without a calculated value: open and save it in Excel, or type the figure");
    }

    @Test
    void aTypedFigureInASubtotalRowIsSentAndAFormulaThereIsDerived() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            Sheets.type(wb.getSheet("公开05表"), "D8", 515.00);    // 208 基本支出 typed over its formula
        }));
        assertEquals("515.00", amount(r, "05.208.2"));          // a sent figure now, checked by the audit
        assertEquals("875.52 (derived)", amount(r, "05.208.1"));  // its neighbour is still a formula: derived
    }

    @Test
    void anUnknownSubjectCodeIsRefusedNamingTheCodeCell() {
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "A10", "2080198")),
                "公开05表!A10", "has no row for 科目 2080198", "2023 catalogue");
    }

    @Test
    void aRefusalOfTheJsonPathIsNamedByTheCellTheFigureCameFrom() {
        // ReportParser refuses tables[4].cells[0].amount (a negative 合计); the officer is told the cell.
        List<Violation> v = Fixtures.refusal(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "C7", -5)));
        assertEquals("公开05表!C7", v.get(0).field());
        assertTrue(v.get(0).reason().contains("must not be negative"), v.get(0)::reason);
    }

    @Test
    void aLabelThatDoesNotMatchItsLineNumberIsRefused() {
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开01表"), "A7", "二、政府性基金预算财政拨款收入")),
                "公开01表!A7", "does not match 行次 1", "一、一般公共预算财政拨款收入");
    }

    @Test
    void aRowSentTwiceIsRefusedNamingTheSecond() {
        assertRefused(edited(wb -> {
            XSSFSheet s = wb.getSheet("公开05表");
            Sheets.type(s, "A23", "2080109");
            Sheets.type(s, "B23", "社会保险经办机构");
            Sheets.type(s, "C23", 1.00);
        }), "公开05表!A23", "appears twice", "公开05表!A10");
    }

    @Test
    void aSheetOfAnotherYearIsRefusedNamingItsYearCell() {
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开05表"), "C3", "2022年度")),
                "公开05表!C3", "2022年度", "2023");
    }

    @Test
    void theAmountUnitIsTakenFromTheSheets() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> wb.forEach(s -> {
            var unit = s.getRow(2) == null ? null : s.getRow(2).getCell(s.getRow(2).getLastCellNum() - 1);
            if (unit != null && unit.getStringCellValue().startsWith("单位：")) {
                Sheets.type((XSSFSheet) s, unit.getAddress().formatAsString(), "单位：元");
            }
        })));
        assertEquals("元", r.amountUnit().label());
        assertRefused(edited(wb -> Sheets.type(wb.getSheet("公开03表"), "G3", "单位：元")),
                "公开03表!G3", "this sheet is in 元", "万元");
    }

    @Test
    void aHiddenTableSheetIsRefusedOtherHiddenSheetsAreIgnored() {
        assertRefused(edited(wb -> wb.setSheetHidden(wb.getSheetIndex("公开07表"), true)),
                "$workbook", "'公开07表'", "hidden");
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            XSSFSheet notes = wb.createSheet("备注");
            Sheets.type(notes, "A1", "内部备注");
            wb.setSheetHidden(wb.getSheetIndex("备注"), true);
        }));
        assertEquals(Fixtures.cells(Fixtures.seedCompleted()), Fixtures.cells(r));
    }

    @Test
    void twoSheetsForOneTableAreRefusedNamingBoth() {
        assertRefused(edited(wb -> wb.cloneSheet(wb.getSheetIndex("公开05表"), "Sheet5")),
                "$workbook", "'公开05表'", "'Sheet5'", "both hold 公开05表");
    }

    @Test
    void sheetsNamedOtherwiseAreFoundByTheirContent() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            wb.setSheetName(wb.getSheetIndex("公开05表"), "表5");
            wb.setSheetName(wb.getSheetIndex("公开06表"), "公开6表");
        }));
        assertEquals(Fixtures.cells(Fixtures.seedCompleted()), Fixtures.cells(r));
    }

    @Test
    void extraHeaderRowsMergedHeaderCellsSpacersAndNotesDoNotMatter() {
        ReportBody r = Fixtures.readAndSave(edited(wb -> {
            XSSFSheet s = wb.getSheet("公开05表");
            s.shiftRows(0, s.getLastRowNum(), 2);                // two rows of the software's own above
            Sheets.type(s, "A1", "部门决算报表系统 导出");
            s.addMergedRegion(new CellRangeAddress(0, 1, 0, 4));
            s.shiftRows(14, s.getLastRowNum(), 1);               // a blank spacer row among the 科目
            int last = s.getLastRowNum() + 2;
            Sheets.type(s, "A" + (last + 1), "注：本表反映部门本年度一般公共预算财政拨款支出情况。");
            XSSFSheet t01 = wb.getSheet("公开01表");
            t01.shiftRows(3, t01.getLastRowNum(), 1);            // an extra header row inside the header
            Sheets.type(t01, "A4", "（按功能分类）");
        }));
        assertEquals(Fixtures.cells(Fixtures.seedCompleted()), Fixtures.cells(r));
    }

    @Test
    void anExcel97WorkbookIsRefusedWithTheAdviceToSaveAsXlsx() throws IOException {
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("公开05表").createRow(0).createCell(0).setCellValue("公开05表");
            wb.write(xls);
        }
        assertRefused(xls.toByteArray(), "$workbook", "Excel 97–2003 .xls", "save it as .xlsx");
    }

    @Test
    void randomBytesAndAZipThatIsNoWorkbookAreRefused() throws IOException {
        byte[] noise = new byte[4096];
        new Random(7).nextBytes(noise);
        assertRefused(noise, "$workbook", "not an Excel workbook (.xlsx)");
        assertRefused(new byte[0], "$workbook", "the body is empty");

        ByteArrayOutputStream zip = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(zip)) {
            z.putNextEntry(new ZipEntry("readme.txt"));
            z.write("not a workbook".getBytes());
            z.closeEntry();
        }
        assertRefused(zip.toByteArray(), "$workbook", "a zip archive, but not an Excel workbook (.xlsx)");
    }

    @Test
    void aZipBombIsRefusedBeforeItGoesOff() throws IOException {
        // The seed's workbook with its first sheet padded by 200 MB of spaces (legal XML whitespace) before
        // </worksheet>: about 200 KB compressed, a ratio of 1 : 1000.
        ByteArrayOutputStream bomb = new ByteArrayOutputStream();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(SEED)).get();
                ZipOutputStream out = new ZipOutputStream(bomb)) {
            for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                byte[] content = in.getInputStream(e).readAllBytes();
                if (e.getName().equals("xl/worksheets/sheet1.xml")) {
                    String xml = new String(content, java.nio.charset.StandardCharsets.UTF_8);
                    int end = xml.lastIndexOf("</worksheet>");
                    out.write(xml.substring(0, end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    byte[] spaces = new byte[1 << 20];
                    java.util.Arrays.fill(spaces, (byte) ' ');
                    for (int i = 0; i < 200; i++) {
                        out.write(spaces);
                    }
                    out.write(xml.substring(end).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    out.write(content);
                }
                out.closeEntry();
            }
        }
        assertTrue(bomb.size() < 2 << 20, "small enough to pass the body limit: " + bomb.size());
        assertRefused(bomb.toByteArray(), "$workbook", "zip bomb", "xl/worksheets/sheet1.xml", "inflates more than 100");
    }

    @Test
    void aZipOfMoreThanAThousandPartsIsRefusedNamingTheWorkbook() throws IOException {
        // Issue 20: the count of parts was checked, but its refusal escaped the reader as a 500.
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(SEED)).get();
                ZipOutputStream out = new ZipOutputStream(many)) {
            for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
            for (int i = 0; i < 1_001; i++) {
                out.putNextEntry(new ZipEntry("xl/media/padding" + i + ".bin"));
                out.closeEntry();
            }
        }
        assertRefused(many.toByteArray(), "$workbook", "more than 1000 parts");
    }

    @Test
    void aWorkbookWithoutAnyTableIsRefused() {
        XSSFWorkbook wb = new XSSFWorkbook();
        wb.createSheet("Sheet1");
        assertRefused(Fixtures.bytes(wb), "$workbook", "no 公开表 found");
    }

    @Test
    void violationsOfTheSavePathNameSheetCells() {
        // A 01表 类 row has no 栏1: the parser's "tables[0].cells[n].col" becomes the cell that holds the figure.
        WorkbookReport report = Fixtures.read(SEED);
        Map<String, String> a = report.addresses();
        assertEquals("公开01表!C7", a.get("tables[0].cells[0]"));
        assertEquals("公开01表!A7", a.get("tables[0].cells[0].row"));
        assertEquals("公开01表!C7", report.address("tables[0].cells[0].amount"));
        assertEquals("公开05表!D7", report.address("05.total.2"));
        assertEquals("公开05表!C8", report.address("05.208.1"));
        assertEquals("公开01表!F3", report.address("amountUnit"));
        assertEquals("$workbook", report.address("year"));
        assertEquals("unit", report.address("unit"));
    }
}
