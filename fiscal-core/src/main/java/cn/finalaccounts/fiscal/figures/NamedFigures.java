package cn.finalaccounts.fiscal.figures;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.template.YearTemplate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A year's headline figures by name (本年收入合计, 基本支出, 项目支出, “三公”经费 …), each the cell of that year's
 * template that holds it, read from {@code fiscal/{year}/named-figures.json}. Whoever names a figure asks here, so a
 * template that moves a row changes one file. The file is bound to types and checked when the year loads: an unknown
 * key, a missing field, a cell the template does not have or a name given twice stops the load.
 */
public final class NamedFigures {
    /** One figure: its id, its Chinese name as the published tables print it, and its cell. */
    public record NamedFigure(String id, String zh, CellKey cell) {
    }

    private record Document(int year, String note, List<Entry> figures) {
    }

    private record Entry(String id, String zh, String cell) {
    }

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES);
    private static final Pattern CELL = Pattern.compile("T([0-9]{2}|N)\\.([A-Za-z0-9_]+)\\.([0-9]+)");

    /** {@code #income_total}: this year's cell of a figure; {@code #last.income_total}: last year's. */
    private static final Pattern NAME = Pattern.compile("#(last\\.)?([a-z][a-z0-9_]*)");

    private final Map<String, NamedFigure> byId;

    private NamedFigures(Map<String, NamedFigure> byId) {
        this.byId = byId;
    }

    public static NamedFigures read(InputStream json, YearTemplate template) {
        Document doc;
        try {
            doc = STRICT.readValue(json, Document.class);
        } catch (IOException e) {
            throw new IllegalStateException("named-figures.json of " + template.year() + " does not read: "
                    + e.getMessage(), e);
        }
        if (doc.year() != template.year() || doc.figures() == null) {
            throw new IllegalStateException("named-figures.json of " + template.year() + " names year " + doc.year()
                    + (doc.figures() == null ? " and no figures" : ""));
        }
        Map<String, NamedFigure> byId = new LinkedHashMap<>();
        for (Entry e : doc.figures()) {
            if (e == null || e.id() == null || e.id().isBlank() || e.zh() == null || e.zh().isBlank()
                    || e.cell() == null) {
                throw new IllegalStateException("named-figures.json of " + template.year()
                        + ": every figure needs an id, a zh name and a cell: " + e);
            }
            Matcher m = CELL.matcher(e.cell());
            if (!m.matches()) {
                throw new IllegalStateException("named-figures.json of " + template.year() + ": " + e.id()
                        + "'s cell '" + e.cell() + "' is not Ttable.row.col");
            }
            CellKey cell = new CellKey(m.group(1), m.group(2), m.group(3));
            template.unknownCell(cell.table(), cell.row(), cell.col()).ifPresent(reason -> {
                throw new IllegalStateException("named-figures.json of " + template.year() + ": " + e.id() + ": "
                        + reason);
            });
            if (byId.putIfAbsent(e.id(), new NamedFigure(e.id(), e.zh(), cell)) != null) {
                throw new IllegalStateException("named-figures.json of " + template.year() + " names " + e.id()
                        + " twice");
            }
        }
        return new NamedFigures(Map.copyOf(byId));
    }

    /** The figure of that id; a name the year does not have is a programming error, not an input. */
    public NamedFigure figure(String id) {
        NamedFigure f = byId.get(id);
        if (f == null) {
            throw new IllegalArgumentException("no named figure '" + id + "'");
        }
        return f;
    }

    public CellKey cell(String id) {
        return figure(id).cell();
    }

    /**
     * A rule's text with every figure it names written out as its cell: {@code #income_total} becomes
     * {@code T01.income_total.1}, and {@code #last.income_total} last year's {@code P01.income_total.1} (the 情况说明
     * rules' form). The audit and narrative rule files name headline figures this way, so a template that moves a
     * row changes named-figures.json alone. A name the year does not have stops the load.
     */
    public String expand(String text) {
        Matcher m = NAME.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            NamedFigure f = byId.get(m.group(2));
            if (f == null) {
                throw new IllegalArgumentException("'" + m.group() + "' names no figure; named-figures.json names "
                        + all().stream().map(NamedFigure::id).toList());
            }
            CellKey c = f.cell();
            m.appendReplacement(out, Matcher.quoteReplacement((m.group(1) == null ? "T" : "P") + c.table() + "."
                    + c.row() + "." + c.col()));
        }
        m.appendTail(out);
        return out.toString();
    }

    public List<NamedFigure> all() {
        return byId.values().stream().sorted(java.util.Comparator.comparing(NamedFigure::id)).toList();
    }
}
