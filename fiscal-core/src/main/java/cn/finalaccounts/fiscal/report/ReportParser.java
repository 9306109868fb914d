package cn.finalaccounts.fiscal.report;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.money.AmountInput;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a submitted JSON report into a {@link ReportBody}, or refuses it listing every offending field by its
 * JSON path ({@code tables[2].cells[5].amount}). Amounts must be JSON strings of plain decimals: a JSON number
 * is refused because a client that produced it may already have rounded it through binary floating point.
 */
public final class ReportParser {
    private final FiscalYears years;

    public ReportParser(FiscalYears years) {
        this.years = years;
    }

    public ReportBody parse(JsonNode root) {
        List<Violation> v = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("$", "the report must be a JSON object");
        }
        String unit = text(root, "unit", "unit", v);
        if (unit != null) {
            Identifier.NODE_CODE.check("unit", unit, v);
        }
        int year = year(root, v);
        AmountUnit amountUnit = amountUnit(root, v);
        Optional<FiscalYear> fiscalYear = year > 0 ? years.year(year) : Optional.empty();
        if (year > 0 && fiscalYear.isEmpty()) {
            v.add(new Violation("year", "there is no template for " + year + "; templates exist for " + years.available()));
        }
        List<ReportTable> tables = new ArrayList<>();
        JsonNode tablesNode = root.get("tables");
        if (tablesNode == null || !tablesNode.isArray()) {
            v.add(new Violation("tables", "required: an array of tables, each {\"table\": \"01\", \"cells\": [...]}"));
        } else if (fiscalYear.isPresent()) {
            Set<String> seenTables = new HashSet<>();
            for (int i = 0; i < tablesNode.size(); i++) {
                // An unknown unit is reported above; the ceiling in 万元, the stricter one, is checked meanwhile.
                tables.add(table(tablesNode.get(i), "tables[" + i + "]", fiscalYear.get(),
                        amountUnit == null ? AmountUnit.WAN_YUAN : amountUnit, seenTables, v));
            }
        }
        if (!v.isEmpty()) {
            throw new InvalidInputException(v);
        }
        return new ReportBody(unit, year, amountUnit, List.copyOf(tables));
    }

    private ReportTable table(JsonNode node, String path, FiscalYear year, AmountUnit unit, Set<String> seenTables,
            List<Violation> v) {
        if (!node.isObject()) {
            v.add(new Violation(path, "each table must be a JSON object"));
            return null;
        }
        String tableId = text(node, "table", path + ".table", v);
        if (tableId == null) {
            return null;
        }
        Optional<TableTemplate> template = year.template().table(tableId);
        if (template.isEmpty()) {
            v.add(new Violation(path + ".table", "unknown table '" + tableId + "'; the " + year.year()
                    + " template has tables " + year.template().tables().stream().map(TableTemplate::id).toList()));
            return null;
        }
        if (!seenTables.add(tableId)) {
            v.add(new Violation(path + ".table", "table " + tableId + " appears twice; send each table once"));
        }
        JsonNode cells = node.get("cells");
        if (cells == null || !cells.isArray()) {
            v.add(new Violation(path + ".cells", "required: an array of cells {\"row\", \"col\", \"amount\"}"));
            return null;
        }
        List<ReportCell> parsed = new ArrayList<>();
        Set<String> seenCells = new HashSet<>();
        for (int j = 0; j < cells.size(); j++) {
            ReportCell cell = cell(cells.get(j), path + ".cells[" + j + "]", template.get(), unit, v);
            if (cell != null) {
                if (!seenCells.add(cell.row() + "\u0000" + cell.col())) {
                    v.add(new Violation(path + ".cells[" + j + "]", "cell (row " + cell.row() + ", col " + cell.col()
                            + ") of table " + tableId + " appears twice"));
                }
                parsed.add(cell);
            }
        }
        return new ReportTable(tableId, List.copyOf(parsed));
    }

    private ReportCell cell(JsonNode node, String path, TableTemplate table, AmountUnit unit, List<Violation> v) {
        if (!node.isObject()) {
            v.add(new Violation(path, "each cell must be a JSON object {\"row\", \"col\", \"amount\"}"));
            return null;
        }
        int before = v.size();
        String rowId = text(node, "row", path + ".row", v);
        String colId = text(node, "col", path + ".col", v);
        RowTemplate row = null;
        if (rowId != null) {
            row = table.row(rowId).orElse(null);
            if (row == null) {
                v.add(new Violation(path + ".row", "table " + table.id() + " has no row '" + rowId + "'"
                        + table.subjectRows().map(s -> " (neither a fixed row nor a " + s.classification().id()
                                + " 科目 code of levels " + s.levels().stream().map(l -> l.label()).sorted().toList()
                                + " in the year's catalogue)").orElse("")));
            }
        }
        if (colId != null && !table.hasColumn(colId)) {
            v.add(new Violation(path + ".col", "table " + table.id() + " has no column '" + colId + "'; its columns are "
                    + table.columns().stream().map(c -> c.id()).toList()));
        } else if (colId != null && row != null && !row.allows(colId)) {
            v.add(new Violation(path + ".col", "row '" + rowId + "' of table " + table.id() + " has no column '" + colId
                    + "'; it takes " + row.columns()));
        }
        BigDecimal amount = AmountInput.parse(node.get("amount"), path + ".amount", unit, v);
        // The working view marks subtotals "derived": true, so a view sent back as it was read keeps it; its value is
        // not read (a subtotal sent is a figure sent), but a flag that is no boolean ("yes", 1) is no such view.
        JsonNode derived = node.get("derived");
        if (derived != null && !derived.isNull() && !derived.isBoolean()) {
            v.add(new Violation(path + ".derived", "true or false when given (it marks a subtotal the platform derived);"
                    + " not a JSON " + derived.getNodeType().name().toLowerCase(java.util.Locale.ROOT)));
        }
        if (amount != null && amount.signum() < 0 && row != null && colId != null && !table.negativeAllowed(row, colId)) {
            v.add(new Violation(path + ".amount", "must not be negative in row '" + rowId + "' of table " + table.id()
                    + "; only 结转结余 figures may be"));
        }
        return v.size() == before ? new ReportCell(rowId, colId, amount) : null;
    }

    private static int year(JsonNode root, List<Violation> v) {
        JsonNode node = root.get("year");
        if (node == null || !node.canConvertToInt() || !node.isIntegralNumber()) {
            v.add(new Violation("year", "required: the fiscal year as a whole number such as 2023"));
            return 0;
        }
        int year = node.asInt();
        if (year < FiscalYears.EARLIEST || year > FiscalYears.LATEST) {
            v.add(new Violation("year", year + " is out of range " + FiscalYears.EARLIEST + "–" + FiscalYears.LATEST));
            return 0;
        }
        return year;
    }

    private static AmountUnit amountUnit(JsonNode root, List<Violation> v) {
        JsonNode node = root.get("amountUnit");
        if (node == null || !node.isTextual()) {
            v.add(new Violation("amountUnit", "required: \"万元\" or \"元\""));
            return null;
        }
        Optional<AmountUnit> unit = AmountUnit.parse(node.asText());
        if (unit.isEmpty()) {
            v.add(new Violation("amountUnit", "'" + node.asText() + "' is not an amount unit; use \"万元\" or \"元\""));
        }
        return unit.orElse(null);
    }

    private static String text(JsonNode parent, String name, String field, List<Violation> v) {
        JsonNode node = parent.get(name);
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            v.add(new Violation(field, "required: a non-empty string"));
            return null;
        }
        return node.asText();
    }
}
