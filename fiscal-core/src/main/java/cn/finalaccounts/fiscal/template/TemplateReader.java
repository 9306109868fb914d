package cn.finalaccounts.fiscal.template;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads {@code templates.json} of a year into {@link YearTemplate}. */
public final class TemplateReader {
    private TemplateReader() {
    }

    public static YearTemplate read(InputStream json, SubjectCatalogue functional, SubjectCatalogue economic)
            throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<TableTemplate> tables = new ArrayList<>();
        for (JsonNode t : root.path("tables")) {
            List<ColumnTemplate> columns = new ArrayList<>();
            for (JsonNode c : t.path("columns")) {
                columns.add(new ColumnTemplate(c.path("id").asText(), c.path("label").asText(),
                        c.hasNonNull("group") ? c.get("group").asText() : null));
            }
            List<String> allColumns = columns.stream().map(ColumnTemplate::id).toList();
            List<RowTemplate> layout = new ArrayList<>();
            Map<String, RowTemplate> fixed = new LinkedHashMap<>();
            Map<String, List<String>> sumOf = new LinkedHashMap<>();
            SubjectRows subjectRows = null;
            for (JsonNode r : t.path("rows")) {
                if (r.has("subjects")) {
                    JsonNode s = r.get("subjects");
                    Set<SubjectLevel> levels = new HashSet<>();
                    s.path("levels").forEach(l -> levels.add(SubjectLevel.fromLabel(l.asText())));
                    subjectRows = new SubjectRows(Classification.fromId(s.path("classification").asText()),
                            Set.copyOf(levels), s.has("columns") ? strings(s.get("columns")) : allColumns);
                    layout.add(null);
                } else {
                    RowTemplate row = new RowTemplate(r.path("id").asText(), null, null,
                            r.hasNonNull("line") ? r.get("line").asInt() : null, r.path("label").asText(),
                            r.has("columns") ? strings(r.get("columns")) : allColumns,
                            r.path("negativeAllowed").asBoolean(false));
                    if (fixed.put(row.id(), row) != null) {
                        throw new IllegalStateException("table " + t.path("id").asText() + " lists row " + row.id() + " twice");
                    }
                    layout.add(row);
                    if (r.has("sumOf")) {
                        sumOf.put(row.id(), strings(r.get("sumOf")));
                    }
                }
            }
            SubjectCatalogue subjects = subjectRows == null ? null
                    : subjectRows.classification() == Classification.FUNCTIONAL ? functional : economic;
            Set<String> negativeColumns = t.has("negativeColumns") ? Set.copyOf(strings(t.get("negativeColumns"))) : Set.of();
            tables.add(new TableTemplate(t.path("id").asText(), t.path("code").asText(), t.path("name").asText(),
                    t.path("nameEn").asText(), columns, layout, fixed, subjectRows, subjects, negativeColumns, sumOf));
        }
        return new YearTemplate(root.path("year").asInt(), List.copyOf(tables));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }
}
