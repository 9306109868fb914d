package cn.finalaccounts.workbook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.AuditInput;
import cn.finalaccounts.fiscal.audit.Auditor;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/** The seed report, and the steps a service takes: write a workbook, read one back, parse it as a JSON body. */
final class Fixtures {
    static final FiscalYears YEARS = FiscalYears.current();
    static final FiscalYear Y2023 = YEARS.year(2023).orElseThrow();
    static final String UNIT = "HH-RSJ-YLGS";
    static final WorkbookHeading HEADING = WorkbookHeading.unitReport(UNIT, "怀化市养老和工伤保险服务中心", 2023);
    private static final ReportParser PARSER = new ReportParser(YEARS);

    private Fixtures() {
    }

    /** deploy/demo/reports/2023/HH-RSJ-YLGS.json as a unit sent it. */
    static ReportBody seedSent() {
        try {
            return PARSER.parse(new ObjectMapper().readTree(
                    Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** As the working view shows it: with the derived 款, 类 and 合计 marked derived. */
    static ReportBody seedCompleted() {
        return SubtotalDeriver.complete(seedSent(), Y2023);
    }

    static List<Finding> audit(ReportBody completed) {
        return new Auditor(Y2023).audit(new AuditInput(completed, null, UnitType.CIVIL_SERVICE_MANAGED));
    }

    static byte[] workbook(WorkbookHeading heading, ReportBody body, List<Finding> findings) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWorkbook.write(Y2023.template(), heading, body, findings, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] blank() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWorkbook.blank(Y2023.template(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static WorkbookReport read(byte[] xlsx) {
        return new WorkbookReader(YEARS).read(new ByteArrayInputStream(xlsx), UNIT, 2023);
    }

    /** What a service does with a workbook: read it, then the JSON path (parse, derive the subtotals). */
    static ReportBody readAndSave(byte[] xlsx) {
        WorkbookReport report = read(xlsx);
        try {
            return SubtotalDeriver.complete(PARSER.parse(report.report()), Y2023);
        } catch (InvalidInputException e) {
            throw report.translate(e);
        }
    }

    /** The violations of a refused workbook, field → reason, after the service's translation. */
    static List<Violation> refusal(byte[] xlsx) {
        return assertThrows(InvalidInputException.class, () -> readAndSave(xlsx)).violations();
    }

    /** The single violation of a refused workbook. */
    static Violation onlyViolation(byte[] xlsx) {
        List<Violation> v = refusal(xlsx);
        assertEquals(1, v.size(), () -> "one violation expected: " + v);
        return v.get(0);
    }

    static XSSFWorkbook open(byte[] xlsx) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(xlsx));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bytes(XSSFWorkbook wb) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            wb.write(out);
            wb.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Every cell as "table.row.col" → "amount" or "amount (derived)", amounts in plain notation with 2 decimals. */
    static Map<String, String> cells(ReportBody body) {
        Map<String, String> cells = new TreeMap<>();
        for (ReportTable t : body.tables()) {
            for (ReportCell c : t.cells()) {
                cells.put(t.table() + "." + c.row() + "." + c.col(), c.amount().setScale(2).toPlainString()
                        + (Boolean.TRUE.equals(c.derived()) ? " (derived)" : ""));
            }
        }
        return cells;
    }

    static List<String> tableIds(ReportBody body) {
        List<String> ids = new ArrayList<>();
        body.tables().forEach(t -> ids.add(t.table()));
        return ids;
    }
}
