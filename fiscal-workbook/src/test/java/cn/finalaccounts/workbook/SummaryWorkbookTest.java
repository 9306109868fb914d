package cn.finalaccounts.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.template.RowTemplate;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** A 部门决算汇总 of about 3,400 cells: values only, and it reads back to the same figures. */
class SummaryWorkbookTest {

    /** Every 类, 款 and 项 of 03表 (three 栏次) and of 05表 (two), with figures up to 10⁸ 万元 and their 分. */
    static ReportBody summary() {
        List<ReportTable> tables = new ArrayList<>();
        int n = 0;
        for (String[] t : new String[][] {{"03", "1", "2", "3"}, {"05", "1", "2"}}) {
            List<ReportCell> cells = new ArrayList<>();
            for (RowTemplate row : Fixtures.Y2023.template().table(t[0]).orElseThrow().allRows()) {
                for (int c = 1; c < t.length; c++) {
                    long cents = (++n * 7_919_993L) % 10_000_000_000L;
                    cells.add(new ReportCell(row.id(), t[c], BigDecimal.valueOf(cents, 2)));
                }
            }
            tables.add(new ReportTable(t[0], List.copyOf(cells)));
        }
        return new ReportBody("HH-RSJ", 2023, AmountUnit.WAN_YUAN, List.copyOf(tables));
    }

    @Test
    void aSummaryIsWrittenAsValuesAndReadsBackToTheSameFigures() throws Exception {
        ReportBody summary = summary();
        assertEquals(3_410, Fixtures.cells(summary).size());
        byte[] xlsx = Fixtures.workbook(WorkbookHeading.summary("HH-RSJ", "怀化市人力资源和社会保障局", 2023), summary,
                Fixtures.audit(summary));

        try (XSSFWorkbook wb = Fixtures.open(xlsx)) {
            Sheet t05 = wb.getSheet("公开05表");
            assertEquals("部门决算汇总", t05.getRow(1).getCell(0).getStringCellValue());
            assertEquals("编制单位：怀化市人力资源和社会保障局", t05.getRow(2).getCell(0).getStringCellValue());
            int formulas = 0;
            for (Sheet s : wb) {
                for (Row r : s) {
                    for (Cell c : r) {
                        formulas += c.getCellType() == CellType.FORMULA ? 1 : 0;
                    }
                }
            }
            assertEquals(0, formulas, "a 汇总 has no sent/derived distinction: values only");
        }

        WorkbookReport read = new WorkbookReader(Fixtures.YEARS).read(new ByteArrayInputStream(xlsx), "HH-RSJ", 2023);
        ReportBody back = new ReportParser(Fixtures.YEARS).parse(read.report());
        var expected = Fixtures.cells(summary);
        var actual = Fixtures.cells(back);
        assertEquals(expected.size(), actual.size());
        assertEquals(expected, actual);
    }
}
