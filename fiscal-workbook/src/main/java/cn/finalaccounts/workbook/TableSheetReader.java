package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.template.ColumnTemplate;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.validation.Violation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures of one 公开表 from its sheet, finding its layout by content rather than by fixed addresses,
 * because the 决算 software and the officers' own copies lay tables out differently:
 * <ul>
 * <li>the 栏次 row (a cell "栏次" followed by the column numbers, or just the numbers 1, 2, … in order) says which
 * spreadsheet column holds which 栏次; each "栏次" cell in it starts a block, so 收入 | 支出 side by side read as two;</li>
 * <li>above it, the header says which column holds the 科目编码 ("…编码"), the 行次 and the 项目 / 科目名称, and the
 * title rows give the 年度 and the 单位：万元 / 单位：元 (extra header rows and merged cells do not matter);</li>
 * <li>below it, a row is keyed by its 科目编码, or for 01/04's 支出 by the 类 name with its ordinal ("七、") set
 * aside, or for a fixed row by its 行次 with the label as a cross-check, or by its label where the layout has no
 * 行次. Rows without figures (spacers, notes such as "注：本表…", 科目 left empty) are passed over.</li>
 * </ul>
 * A formula in a subtotal row means "derived" and is left to the platform; anywhere else a formula counts with its
 * calculated value.
 */
final class TableSheetReader {
    private static final Pattern YEAR = Pattern.compile("(\\d{4})年度?");
    private static final Pattern AMOUNT_UNIT = Pattern.compile("(?<!编制|填报|报送|部门)单位[:：]([^\\d:：]{0,3}?元)");
    /** How far down the 栏次 row may lie: below the title rows and a header of a few rows. */
    private static final int HEADER_SEARCH_ROWS = 40;

    /** A figure read: its row and 栏次, the amount as the report writes it, and the cells it came from. */
    record ReadCell(String row, String col, String amount, String address, String rowAddress) {
    }

    private final TableTemplate table;
    private final String sheet;
    private final SheetGrid grid;
    private final int year;
    private final List<Violation> violations;
    private final List<ReadCell> cells = new ArrayList<>();
    /** "row\u0000col" → sheet address, for every figure cell of a known row (derived ones too). */
    private final Map<String, String> addresses = new HashMap<>();
    private final Map<String, String> rowSeenAt = new HashMap<>();
    private AmountUnit amountUnit;
    private String amountUnitAddress;

    private TableSheetReader(TableTemplate table, String sheet, SheetGrid grid, int year, List<Violation> violations) {
        this.table = table;
        this.sheet = sheet;
        this.grid = grid;
        this.year = year;
        this.violations = violations;
    }

    static TableSheetReader read(TableTemplate table, String sheet, SheetGrid grid, int year, List<Violation> v) {
        TableSheetReader reader = new TableSheetReader(table, sheet, grid, year, v);
        reader.read();
        return reader;
    }

    List<ReadCell> cells() {
        return cells;
    }

    Map<String, String> addresses() {
        return addresses;
    }

    AmountUnit amountUnit() {
        return amountUnit;
    }

    String amountUnitAddress() {
        return amountUnitAddress;
    }

    /** A block of columns: where its keys are and which spreadsheet column holds which 栏次. */
    private record Block(Integer codeCol, Integer labelCol, Integer lineCol, Map<Integer, String> amountCols,
            List<RowTemplate> fixedRows) {
    }

    private void read() {
        Integer lanciRow = findLanciRow();
        if (lanciRow == null) {
            violations.add(new Violation(sheet + "!A1", "no 栏次 row found: the row that numbers the amount columns"
                    + " (栏次, then 1, 2, …) must stand between the header and the figures, as printed"));
            return;
        }
        readHeading(lanciRow);
        List<Block> blocks = blocks(lanciRow);
        for (Map.Entry<Integer, NavigableMap<Integer, RawCell>> row
                : grid.rows().tailMap(lanciRow, false).entrySet()) {
            for (Block b : blocks) {
                readRow(row.getKey(), b);
            }
        }
    }

    private Integer findLanciRow() {
        for (Map.Entry<Integer, NavigableMap<Integer, RawCell>> row : grid.rows(0, HEADER_SEARCH_ROWS).entrySet()) {
            if (row.getValue().values().stream().anyMatch(c -> "栏次".equals(c.plain()))) {
                return row.getKey();
            }
        }
        // Some layouts (09表) print the column numbers alone: 1, 2, 3, … in order and nothing else.
        for (Map.Entry<Integer, NavigableMap<Integer, RawCell>> row : grid.rows(0, HEADER_SEARCH_ROWS).entrySet()) {
            int expected = 1;
            boolean numbersOnly = true;
            for (RawCell c : row.getValue().values()) {
                if (c.isBlank()) {
                    continue;
                }
                Integer n = c.wholeNumber();
                if (n == null || n != expected) {
                    numbersOnly = false;
                    break;
                }
                expected++;
            }
            if (numbersOnly && expected > 2) {
                return row.getKey();
            }
        }
        return null;
    }

    /** The 年度 and the 单位 above the table. */
    private void readHeading(int lanciRow) {
        for (NavigableMap<Integer, RawCell> row : grid.rows(0, lanciRow - 1).values()) {
            for (RawCell c : row.values()) {
                if (c.kind() != RawCell.Kind.TEXT) {
                    continue;
                }
                String p = c.plain();
                Matcher y = YEAR.matcher(p);
                if (p.contains("年度") && y.find() && Integer.parseInt(y.group(1)) != year) {
                    violations.add(new Violation(address(c), "the sheet is of " + y.group(1) + "年度 but the report"
                            + " is for " + year + " (the year in the URL): send it to the " + y.group(1)
                            + " report, or correct the year"));
                }
                Matcher u = AMOUNT_UNIT.matcher(p);
                if (u.find()) {
                    Optional<AmountUnit> unit = AmountUnit.parse(u.group(1));
                    if (unit.isEmpty()) {
                        violations.add(new Violation(address(c), "'" + u.group(1) + "' is not an amount unit the"
                                + " platform takes: write 单位：万元 or 单位：元"));
                    } else if (amountUnit == null) {
                        amountUnit = unit.get();
                        amountUnitAddress = address(c);
                    }
                }
            }
        }
    }

    private List<Block> blocks(int lanciRow) {
        NavigableMap<Integer, RawCell> lanci = grid.rows().get(lanciRow);
        List<Integer> starts = new ArrayList<>();
        lanci.values().stream().filter(c -> "栏次".equals(c.plain())).forEach(c -> starts.add(c.col()));
        if (starts.isEmpty()) {
            starts.add(0);
        }
        starts.set(0, Math.min(starts.get(0), 0));
        List<Block> blocks = new ArrayList<>();
        Map<String, String> seenColumns = new HashMap<>();
        for (int i = 0; i < starts.size(); i++) {
            int from = starts.get(i);
            int to = i + 1 < starts.size() ? starts.get(i + 1) - 1 : Integer.MAX_VALUE;
            Map<Integer, String> amounts = new LinkedHashMap<>();
            for (RawCell c : lanci.subMap(from, true, to, true).values()) {
                Integer n = c.wholeNumber();
                if (n == null) {
                    continue;
                }
                String colId = String.valueOf(n);
                if (!table.hasColumn(colId)) {
                    violations.add(new Violation(address(c), table.code() + " has no 栏次 " + colId + "; its 栏次 are "
                            + table.columns().stream().map(ColumnTemplate::id).toList()));
                } else if (seenColumns.containsKey(colId)) {
                    violations.add(new Violation(address(c), "栏次 " + colId + " appears twice in the 栏次 row (also at "
                            + seenColumns.get(colId) + "); number each column once"));
                } else {
                    seenColumns.put(colId, address(c));
                    amounts.put(c.col(), colId);
                }
            }
            if (!amounts.isEmpty()) {
                blocks.add(block(lanciRow, from, to, amounts));
            }
        }
        return blocks;
    }

    private Block block(int lanciRow, int from, int to, Map<Integer, String> amounts) {
        Integer code = null;
        Integer line = null;
        Integer label = null;
        for (NavigableMap<Integer, RawCell> row : grid.rows(0, lanciRow - 1).values()) {
            for (RawCell c : row.subMap(from, true, to, true).values()) {
                if (amounts.containsKey(c.col()) || c.kind() != RawCell.Kind.TEXT) {
                    continue;
                }
                String p = c.plain();
                if (p.endsWith("编码") || p.endsWith("代码")) {
                    code = code == null ? c.col() : code;
                } else if (p.equals("行次")) {
                    line = line == null ? c.col() : line;
                } else if (p.equals("项目") || p.equals("项目名称") || p.endsWith("科目名称") || p.equals("名称")) {
                    label = label == null ? c.col() : label;
                }
            }
        }
        if (label != null && (label.equals(code) || label.equals(line))) {
            label = null;
        }
        if (label == null) {
            // No 项目 header: the first column of the block that is neither code, 行次 nor a figure holds the labels.
            for (int col = from; col <= Math.min(to, from + 64); col++) {
                if (!amounts.containsKey(col) && !Integer.valueOf(col).equals(code) && !Integer.valueOf(col).equals(line)) {
                    if (col < amounts.keySet().stream().min(Integer::compare).orElse(0)) {
                        label = col;
                    }
                    break;
                }
            }
        }
        Set<String> ids = Set.copyOf(amounts.values());
        // The fixed rows this block can hold: on a two-sided sheet the 收入 rows left, the 支出 rows right.
        List<RowTemplate> fixed = table.fixedRows().stream()
                .filter(r -> r.columns().stream().anyMatch(ids::contains)).toList();
        return new Block(code, label, line, amounts, fixed);
    }

    private void readRow(int r, Block b) {
        List<RawCell> figures = new ArrayList<>();
        for (int col : b.amountCols().keySet()) {
            RawCell c = grid.get(r, col);
            if (c != null && !c.isBlank()) {
                figures.add(c);
            }
        }
        if (figures.isEmpty()) {
            return;
        }
        RowTemplate row = resolve(r, b, figures.get(0));
        if (row == null) {
            return;
        }
        String rowAddress = keyAddress(r, b, figures.get(0));
        String earlier = rowSeenAt.putIfAbsent(row.id(), rowAddress);
        if (earlier != null) {
            violations.add(new Violation(rowAddress, "the row " + describe(row) + " appears twice in " + table.code()
                    + " (first at " + earlier + "); keep one"));
            return;
        }
        boolean subtotal = Subtotals.isSubtotal(table, row.id());
        for (RawCell c : figures) {
            String colId = b.amountCols().get(c.col());
            addresses.put(row.id() + "\u0000" + colId, address(c));
            if (subtotal && c.formula()) {
                continue;
            }
            AmountReading.Result amount = AmountReading.read(c);
            if (amount.problem() != null) {
                violations.add(new Violation(address(c), amount.problem()));
            } else {
                cells.add(new ReadCell(row.id(), colId, amount.amount(), address(c), rowAddress));
            }
        }
    }

    /** Which template row a sheet row with figures is; null after adding the reason it cannot be told. */
    private RowTemplate resolve(int r, Block b, RawCell firstFigure) {
        RawCell codeCell = b.codeCol() == null ? null : grid.get(r, b.codeCol());
        RawCell labelCell = b.labelCol() == null ? null : grid.get(r, b.labelCol());
        RawCell lineCell = b.lineCol() == null ? null : grid.get(r, b.lineCol());
        String code = codeCell == null ? "" : codeCell.plain();
        String label = labelCell == null ? "" : labelCell.text().strip();
        Integer line = lineCell == null ? null : lineCell.wholeNumber();

        if (code.matches("\\d+")) {
            Optional<RowTemplate> row = table.row(code);
            if (row.isEmpty() || row.get().code() == null) {
                violations.add(new Violation(address(codeCell), table.code() + " has no row for 科目 " + code
                        + table.subjectRows().map(s -> ": not a " + s.classification().id() + " 科目 code of levels "
                                + s.levels().stream().map(SubjectLevel::label).sorted().toList()
                                + " in the " + year + " catalogue").orElse("")));
                return null;
            }
            return row.get();
        }
        if (!code.isEmpty() && label.isEmpty()) {
            // 合计 printed in the code column, merged across code and name.
            label = codeCell.text().strip();
            labelCell = codeCell;
        }
        if (label.isEmpty() && line == null) {
            if (b.codeCol() == null && b.labelCol() == null && table.subjectRows().isEmpty()
                    && b.fixedRows().size() == 1) {
                return b.fixedRows().get(0);
            }
            violations.add(new Violation(address(firstFigure), "a row with figures but no "
                    + (b.codeCol() != null ? "科目编码 or " : "") + (b.lineCol() != null ? "行次 or " : "")
                    + "项目 name: say which row it is"));
            return null;
        }
        String key = Labels.key(label);
        if (!label.isEmpty()) {
            Optional<RowTemplate> subject = subjectByName(key);
            if (subject.isPresent()) {
                return subject.get();
            }
        }
        if (line != null) {
            List<RowTemplate> byLine = b.fixedRows().stream().filter(f -> line.equals(f.line())).toList();
            if (byLine.size() == 1) {
                RowTemplate f = byLine.get(0);
                if (label.isEmpty() || key.equals(Labels.key(f.label()))) {
                    return f;
                }
                violations.add(new Violation(address(labelCell), "'" + label + "' does not match 行次 " + line
                        + ", which is '" + f.label() + "' in the " + year + " " + table.code()
                        + ": were rows moved? correct the label or the 行次"));
                return null;
            }
        }
        if (!label.isEmpty()) {
            List<RowTemplate> byLabel = b.fixedRows().stream().filter(f -> key.equals(Labels.key(f.label()))).toList();
            if (byLabel.size() == 1) {
                return byLabel.get(0);
            }
            violations.add(new Violation(address(labelCell), byLabel.isEmpty()
                    ? "'" + label + "' is not a row of " + table.code() + (line != null ? " (nor is 行次 " + line + ")" : "")
                            + "; its rows are " + b.fixedRows().stream().map(RowTemplate::label).toList()
                    : "'" + label + "' names several rows of " + table.code() + "; give its 行次"));
            return null;
        }
        violations.add(new Violation(address(lineCell), "行次 " + line + " is not a row of " + table.code() + " in "
                + year));
        return null;
    }

    /** A 类 of 01表 / 04表 by its name ("七、社会保障和就业支出" → 208). */
    private Optional<RowTemplate> subjectByName(String key) {
        if (table.subjectRows().isEmpty() || !table.subjectRows().get().levels().equals(Set.of(SubjectLevel.LEI))) {
            return Optional.empty();
        }
        return table.printedRows().stream().filter(r -> r.code() != null && key.equals(Labels.key(r.label())))
                .findFirst();
    }

    private String keyAddress(int r, Block b, RawCell firstFigure) {
        for (Integer col : new Integer[] {b.codeCol(), b.labelCol(), b.lineCol()}) {
            RawCell c = col == null ? null : grid.get(r, col);
            if (c != null && !c.isBlank()) {
                return address(c);
            }
        }
        return address(firstFigure);
    }

    private static String describe(RowTemplate row) {
        return (row.code() != null ? row.code() + " " : "") + row.label();
    }

    private String address(RawCell c) {
        return sheet + "!" + c.reference();
    }
}
