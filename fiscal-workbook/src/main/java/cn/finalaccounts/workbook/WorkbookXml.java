package cn.finalaccounts.workbook;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;

/**
 * Parses the few parts of the workbook the reader needs, by streaming (StAX, with DTDs and external entities off): the
 * sheet list of {@code workbook.xml}, the shared strings, and each sheet's cells. Element names are matched without
 * their namespace, so strict OOXML reads like transitional.
 */
final class WorkbookXml {
    private static final XMLInputFactory FACTORY = XMLHelper.newXMLInputFactory();
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private static final String STRICT_RELATIONSHIPS = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    private static final int MAX_ROW = 1_048_575;
    private static final int MAX_COL = 16_383;

    /** A sheet as workbook.xml lists it: name, relationship id, hidden or not. */
    record SheetEntry(String name, String relationId, boolean hidden) {
    }

    /** Counts what all parts hold together, against the limits. */
    static final class Budget {
        private final WorkbookLimits limits;
        private long chars;
        private int cells;

        Budget(WorkbookLimits limits) {
            this.limits = limits;
        }

        void text(int n) {
            chars += n;
            if (chars > limits.maxTextChars()) {
                throw new WorkbookRefusal("the workbook holds more than " + limits.maxTextChars()
                        + " characters of text; a 决算 holds a few hundred thousand");
            }
        }

        void cell() {
            if (++cells > limits.maxFilledCells()) {
                throw new WorkbookRefusal("the workbook holds more than " + limits.maxFilledCells()
                        + " filled cells; a 决算 of the 公开 tables holds a few thousand");
            }
        }
    }

    private WorkbookXml() {
    }

    static List<SheetEntry> sheets(InputStream workbook) throws XMLStreamException {
        List<SheetEntry> sheets = new ArrayList<>();
        XMLStreamReader x = FACTORY.createXMLStreamReader(workbook);
        try {
            while (x.hasNext()) {
                if (x.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(x.getLocalName())) {
                    String id = x.getAttributeValue(RELATIONSHIPS, "id");
                    if (id == null) {
                        id = x.getAttributeValue(STRICT_RELATIONSHIPS, "id");
                    }
                    String state = x.getAttributeValue(null, "state");
                    sheets.add(new SheetEntry(x.getAttributeValue(null, "name"), id,
                            "hidden".equals(state) || "veryHidden".equals(state)));
                }
            }
        } finally {
            x.close();
        }
        return sheets;
    }

    /** The shared strings, rich text runs joined, phonetic guides (rPh) left out. */
    static List<String> sharedStrings(InputStream sst, Budget budget) throws XMLStreamException {
        List<String> strings = new ArrayList<>();
        XMLStreamReader x = FACTORY.createXMLStreamReader(sst);
        try {
            StringBuilder text = null;
            int phonetic = 0;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "si" -> text = new StringBuilder();
                        case "rPh" -> phonetic++;
                        case "t" -> {
                            String t = x.getElementText();
                            if (text != null && phonetic == 0) {
                                budget.text(t.length());
                                text.append(t);
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if ("si".equals(x.getLocalName()) && text != null) {
                        strings.add(text.toString());
                        text = null;
                    } else if ("rPh".equals(x.getLocalName())) {
                        phonetic--;
                    }
                }
            }
        } finally {
            x.close();
        }
        return strings;
    }

    /** The cells of a sheet that hold a value or a formula. */
    static SheetGrid sheet(InputStream sheet, List<String> shared, Budget budget) throws XMLStreamException {
        SheetGrid grid = new SheetGrid();
        XMLStreamReader x = FACTORY.createXMLStreamReader(sheet);
        try {
            int row = -1;
            int col = -1;
            String type = null;
            String value = null;
            StringBuilder inline = null;
            boolean formula = false;
            int phonetic = 0;
            while (x.hasNext()) {
                int event = x.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (x.getLocalName()) {
                        case "row" -> {
                            String r = x.getAttributeValue(null, "r");
                            row = r != null ? Integer.parseInt(r.trim()) - 1 : row + 1;
                            col = -1;
                        }
                        case "c" -> {
                            String ref = x.getAttributeValue(null, "r");
                            if (ref != null) {
                                CellReference cr = new CellReference(ref);
                                col = cr.getCol();
                                if (cr.getRow() >= 0) {
                                    row = cr.getRow();
                                }
                            } else {
                                col++;
                            }
                            if (row < 0 || row > MAX_ROW || col < 0 || col > MAX_COL) {
                                throw new WorkbookRefusal("a cell lies outside the sheet (" + ref + ")");
                            }
                            type = x.getAttributeValue(null, "t");
                            value = null;
                            inline = null;
                            formula = false;
                        }
                        case "f" -> formula = true;
                        case "v" -> {
                            value = x.getElementText();
                            budget.text(value.length());
                        }
                        case "is" -> inline = new StringBuilder();
                        case "rPh" -> phonetic++;
                        case "t" -> {
                            if (inline != null && phonetic == 0) {
                                String t = x.getElementText();
                                budget.text(t.length());
                                inline.append(t);
                            }
                        }
                        default -> { }
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    if ("c".equals(x.getLocalName())) {
                        RawCell cell = cell(row, col, type, value, inline, formula, shared);
                        if (cell != null) {
                            budget.cell();
                            grid.put(cell);
                        }
                    } else if ("rPh".equals(x.getLocalName())) {
                        phonetic--;
                    }
                }
            }
        } finally {
            x.close();
        }
        return grid;
    }

    private static RawCell cell(int row, int col, String type, String value, StringBuilder inline, boolean formula,
            List<String> shared) {
        String t = type == null ? "n" : type;
        return switch (t) {
            case "s" -> {
                if (value == null) {
                    yield null;
                }
                int i;
                try {
                    i = Integer.parseInt(value.trim());
                } catch (NumberFormatException e) {
                    yield new RawCell(row, col, RawCell.Kind.ERROR, "#BADSTRING", formula);
                }
                yield i >= 0 && i < shared.size() ? new RawCell(row, col, RawCell.Kind.TEXT, shared.get(i), formula)
                        : new RawCell(row, col, RawCell.Kind.ERROR, "#BADSTRING", formula);
            }
            case "inlineStr" -> inline == null && value == null ? null
                    : new RawCell(row, col, RawCell.Kind.TEXT, inline != null ? inline.toString() : value, formula);
            case "str" -> value == null ? noValue(row, col, formula)
                    : new RawCell(row, col, RawCell.Kind.TEXT, value, formula);
            case "b" -> value == null ? noValue(row, col, formula)
                    : new RawCell(row, col, RawCell.Kind.BOOLEAN, "1".equals(value.trim()) ? "TRUE" : "FALSE", formula);
            case "e" -> value == null ? noValue(row, col, formula)
                    : new RawCell(row, col, RawCell.Kind.ERROR, value, formula);
            case "d" -> value == null ? noValue(row, col, formula)
                    : new RawCell(row, col, RawCell.Kind.DATE, value, formula);
            default -> value == null || value.isBlank() ? noValue(row, col, formula)
                    : new RawCell(row, col, RawCell.Kind.NUMBER, value.trim(), formula);
        };
    }

    private static RawCell noValue(int row, int col, boolean formula) {
        return formula ? new RawCell(row, col, RawCell.Kind.NO_VALUE, null, true) : null;
    }
}
