package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.poifs.filesystem.FileMagic;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.usermodel.XSSFRelation;

/**
 * Reads a filled workbook (.xlsx) into the report shape, for the same save path as a JSON report.
 *
 * <p>Each 公开表 is found by its sheet's name ({@code 公开05表}, also {@code 公开5表}) or, where the 决算 software named
 * the sheet otherwise, by a cell in its first rows that reads {@code 公开05表} or the table's name; the narrative
 * figures by the sheet {@code 情况说明数字}. Other sheets (a cover, the narrative, {@code 审核结果}) are ignored, and so
 * are hidden ones, except that a hidden 公开表 is refused: it would be stored unseen. Two sheets for one table are
 * refused. {@link TableSheetReader} reads each table's sheet.
 *
 * <p>Refusals are an {@link InvalidInputException} listing every problem found, each named by its cell
 * ({@code 公开05表!F12}) or {@code $workbook}: not a workbook (an Excel 97–2003 .xls, a zip that is no workbook, random
 * bytes), a zip bomb (see {@link WorkbookLimits}), a sheet of another year, an amount that is no amount. What the
 * reader accepts is then checked by {@code ReportParser} like any JSON body; {@link WorkbookReport#translate} names
 * the cells of its refusals.
 */
public final class WorkbookReader {
    private static final String FINDINGS = Labels.plain(FindingsSheetWriter.SHEET);
    private static final int CONTENT_SEARCH_ROWS = 6;

    private final FiscalYears years;
    private final WorkbookLimits limits;

    public WorkbookReader(FiscalYears years) {
        this(years, WorkbookLimits.DEFAULT);
    }

    public WorkbookReader(FiscalYears years, WorkbookLimits limits) {
        this.years = years;
        this.limits = limits;
    }

    /**
     * Reads the workbook of {@code unit}'s report of {@code year} (both from the URL: the workbook's own heading is
     * only checked for its 年度).
     */
    public WorkbookReport read(InputStream in, String unit, int year) {
        FiscalYear fiscalYear = years.year(year).orElseThrow(() -> new InvalidInputException("year",
                "there is no template for " + year + "; templates exist for " + years.available()));
        byte[] bytes = bytes(in);
        refuseWhatIsNoWorkbook(bytes);
        try (GuardedZip zip = new GuardedZip(bytes, limits)) {
            OPCPackage pkg;
            try {
                pkg = OPCPackage.open(zip);
            } catch (InvalidFormatException | RuntimeException e) {
                rethrowRefusal(e);
                throw refused("a zip archive, but not an Excel workbook (.xlsx): " + reason(e));
            }
            return read(pkg, fiscalYear, unit);
        } catch (IOException e) {
            rethrowRefusal(e);
            throw refused("not a readable .xlsx workbook: the zip archive is damaged (" + reason(e) + ")");
        } catch (WorkbookRefusal e) {
            // Thrown while the archive is opened (too many parts), outside the parsing that translates it.
            throw refused(e.getMessage());
        }
    }

    private WorkbookReport read(OPCPackage pkg, FiscalYear fiscalYear, String unit) {
        XMLParts parts = XMLParts.open(pkg);
        WorkbookXml.Budget budget = new WorkbookXml.Budget(limits);
        List<Violation> v = new ArrayList<>();
        List<String> shared = parts.sharedStrings(budget);
        Map<String, String> sheetOfTable = new HashMap<>();
        Map<String, TableSheetReader> readers = new LinkedHashMap<>();
        for (WorkbookXml.SheetEntry sheet : parts.sheets()) {
            if (sheet.name() == null || FINDINGS.equals(Labels.plain(sheet.name()))) {
                continue;
            }
            SheetGrid grid = parts.sheet(sheet, shared, budget);
            TableTemplate table = tableOf(sheet.name(), grid, fiscalYear, v);
            if (table == null) {
                continue;
            }
            if (sheet.hidden()) {
                v.add(new Violation(WorkbookReport.WORKBOOK, "the sheet '" + sheet.name() + "' holds " + table.code()
                        + " but is hidden: unhide it, or delete it, so that no table is stored unseen"));
                continue;
            }
            String other = sheetOfTable.putIfAbsent(table.id(), sheet.name());
            if (other != null) {
                v.add(new Violation(WorkbookReport.WORKBOOK, "the sheets '" + other + "' and '" + sheet.name()
                        + "' both hold " + table.code() + "; keep one"));
                continue;
            }
            readers.put(table.id(), TableSheetReader.read(table, sheet.name(), grid, fiscalYear.year(), v));
        }
        if (readers.isEmpty() && v.isEmpty()) {
            v.add(new Violation(WorkbookReport.WORKBOOK, "no 公开表 found: expected sheets named 公开01表 … 公开09表 (or"
                    + " sheets whose first rows say 公开01表 …), as in the blank form of GET /api/v1/templates/"
                    + fiscalYear.year() + "?format=xlsx"));
        }
        AmountUnit amountUnit = amountUnit(readers, v);
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return report(fiscalYear, unit, amountUnit, readers, sheetOfTable);
    }

    /** The one amount unit of the report: every sheet that states one must state the same. */
    private static AmountUnit amountUnit(Map<String, TableSheetReader> readers, List<Violation> v) {
        AmountUnit unit = null;
        String where = null;
        for (TableSheetReader r : readers.values()) {
            if (r.amountUnit() == null) {
                continue;
            }
            if (unit == null) {
                unit = r.amountUnit();
                where = r.amountUnitAddress();
            } else if (unit != r.amountUnit()) {
                v.add(new Violation(r.amountUnitAddress(), "this sheet is in " + r.amountUnit().label() + " but " + where
                        + " says " + unit.label() + ": a report has one amount unit"));
            }
        }
        if (unit == null && !readers.isEmpty()) {
            v.add(new Violation(WorkbookReport.WORKBOOK, "no sheet says its amount unit: write 单位：万元 or 单位：元"
                    + " above the table, as printed"));
        }
        return unit;
    }

    private static WorkbookReport report(FiscalYear year, String unit, AmountUnit amountUnit,
            Map<String, TableSheetReader> readers, Map<String, String> sheetOfTable) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode root = json.objectNode();
        root.put("unit", unit);
        root.put("year", year.year());
        root.put("amountUnit", amountUnit.label());
        ArrayNode tables = root.putArray("tables");
        Map<String, String> addresses = new HashMap<>();
        Map<String, String> cellAddresses = new HashMap<>();
        addresses.put("amountUnit", readers.values().stream().map(TableSheetReader::amountUnitAddress)
                .filter(a -> a != null).findFirst().orElse(WorkbookReport.WORKBOOK));
        for (TableTemplate table : year.template().tables()) {
            TableSheetReader r = readers.get(table.id());
            if (r == null) {
                continue;
            }
            String tablePath = "tables[" + tables.size() + "]";
            addresses.put(tablePath, sheetOfTable.get(table.id()) + "!A1");
            ObjectNode t = tables.addObject();
            t.put("table", table.id());
            ArrayNode cells = t.putArray("cells");
            for (TableSheetReader.ReadCell c : r.cells()) {
                String cellPath = tablePath + ".cells[" + cells.size() + "]";
                cells.addObject().put("row", c.row()).put("col", c.col()).put("amount", c.amount());
                addresses.put(cellPath, c.address());
                addresses.put(cellPath + ".row", c.rowAddress());
            }
            r.addresses().forEach((rowCol, address) -> cellAddresses.put(table.id() + "." + rowCol.replace('\u0000', '.'),
                    address));
        }
        return new WorkbookReport(root, Map.copyOf(addresses), Map.copyOf(cellAddresses));
    }

    /** Which table a sheet holds: by its name, else by a cell of its first rows; null for any other sheet. */
    private static TableTemplate tableOf(String sheetName, SheetGrid grid, FiscalYear year, List<Violation> v) {
        TableTemplate byName = byName(Labels.plain(sheetName), year);
        for (var row : grid.rows(0, CONTENT_SEARCH_ROWS - 1).values()) {
            for (RawCell c : row.values()) {
                if (c.kind() != RawCell.Kind.TEXT) {
                    continue;
                }
                TableTemplate byContent = byCode(c.plain(), year);
                if (byContent != null && byName != null && byContent != byName) {
                    v.add(new Violation(sheetName + "!" + c.reference(), "the sheet '" + sheetName + "' is named for "
                            + byName.code() + " but says " + byContent.code() + "; name the sheet for the table it holds"));
                    return null;
                }
                if (byName == null) {
                    TableTemplate found = byContent != null ? byContent : byTitle(c.plain(), year);
                    if (found != null) {
                        return found;
                    }
                }
            }
        }
        return byName;
    }

    private static TableTemplate byName(String name, FiscalYear year) {
        if (SheetPlan.NARRATIVE_SHEET.equals(name)) {
            return year.template().table("N").orElse(null);
        }
        TableTemplate t = byCode(name, year);
        return t != null ? t : byTitle(name, year);
    }

    /** "公开05表" or "公开5表". */
    private static TableTemplate byCode(String text, FiscalYear year) {
        if (text == null || !text.matches("公开0?\\d表")) {
            return null;
        }
        String digit = text.substring(text.length() - 2, text.length() - 1);
        return year.template().table("0" + digit).orElse(null);
    }

    /** The table's name as its title, with or without the year in front ("2023年度收入支出决算总表"). */
    private static TableTemplate byTitle(String text, FiscalYear year) {
        String title = text.replaceFirst("^\\d{4}年度?", "").replaceFirst("^部门", "");
        return year.template().tables().stream().filter(t -> title.equals(Labels.plain(t.name()))).findFirst()
                .orElse(null);
    }

    private byte[] bytes(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
                if (out.size() > limits.maxWorkbookBytes()) {
                    throw refused("the workbook is larger than " + (limits.maxWorkbookBytes() >> 20) + " MiB");
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void refuseWhatIsNoWorkbook(byte[] bytes) {
        if (bytes.length == 0) {
            throw refused("the body is empty: send the workbook (.xlsx) itself");
        }
        FileMagic magic = FileMagic.valueOf(bytes);
        if (magic == FileMagic.OLE2) {
            throw refused("this is an Excel 97–2003 .xls (or another OLE2 file); save it as .xlsx (Excel Workbook) and"
                    + " send that");
        }
        if (magic != FileMagic.OOXML) {
            throw refused("not an Excel workbook (.xlsx): the body does not begin as a zip archive does"
                    + (magic == FileMagic.UNKNOWN ? "" : " (it looks like " + magic + ")"));
        }
    }

    private static void rethrowRefusal(Throwable e) {
        WorkbookRefusal r = WorkbookRefusal.in(e);
        if (r != null) {
            throw refused(r.getMessage());
        }
    }

    static InvalidInputException refused(String reason) {
        return new InvalidInputException(WorkbookReport.WORKBOOK, reason);
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    /** The parts of the package the reader reads, each parse failure turned into a refusal. */
    private record XMLParts(OPCPackage pkg, XSSFReader reader) {
        static XMLParts open(OPCPackage pkg) {
            try {
                return new XMLParts(pkg, new XSSFReader(pkg));
            } catch (IOException | OpenXML4JException | RuntimeException e) {
                rethrowRefusal(e);
                throw refused("a zip archive, but not an Excel workbook (.xlsx): it has no workbook part ("
                        + reason(e) + ")");
            }
        }

        List<WorkbookXml.SheetEntry> sheets() {
            try (InputStream in = reader.getWorkbookData()) {
                return WorkbookXml.sheets(in);
            } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
                rethrowRefusal(e);
                throw refused("the workbook's sheet list (workbook.xml) cannot be read: " + reason(e));
            }
        }

        List<String> sharedStrings(WorkbookXml.Budget budget) {
            List<PackagePart> sst = pkg.getPartsByContentType(XSSFRelation.SHARED_STRINGS.getContentType());
            if (sst.isEmpty()) {
                return List.of();
            }
            try (InputStream in = sst.get(0).getInputStream()) {
                return WorkbookXml.sharedStrings(in, budget);
            } catch (IOException | XMLStreamException | RuntimeException e) {
                rethrowRefusal(e);
                throw refused("the workbook's shared strings (sharedStrings.xml) cannot be read: " + reason(e));
            }
        }

        SheetGrid sheet(WorkbookXml.SheetEntry sheet, List<String> shared, WorkbookXml.Budget budget) {
            try (InputStream in = reader.getSheet(sheet.relationId())) {
                return WorkbookXml.sheet(in, shared, budget);
            } catch (IOException | OpenXML4JException | XMLStreamException | RuntimeException e) {
                rethrowRefusal(e);
                throw refused("the sheet '" + sheet.name() + "' cannot be read: " + reason(e));
            }
        }
    }
}
