package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.template.ColumnTemplate;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.poi.ss.util.CellReference;

/**
 * Where everything of one 公开表 goes on its sheet, decided before a single cell is written (the streaming writer
 * cannot go back): the title rows, the header with its merged groups, the 栏次 row, and which sheet row and column
 * each template row and 栏次 land on, so that a finding can name its cell as {@code 公开05表!D7}.
 *
 * <p>Three shapes, as the tables are printed:
 * <ul>
 * <li>tables of 科目 (02 03 05 06 07 08): 科目编码 | 科目名称 | the 栏次, 合计 first;</li>
 * <li>two-sided tables (01 04): 收入 and 支出 side by side, each 项目 | 行次 | its 栏次;</li>
 * <li>fixed rows only (09, the narrative figures N): 项目 | the 栏次, and no 项目 column at all where the table has
 * a single row (09 prints its one row under the header alone).</li>
 * </ul>
 */
final class SheetPlan {
    static final int TITLE_ROW = 0;
    static final int CODE_ROW = 1;
    static final int HEADING_ROW = 2;
    static final int HEADER_TOP = 3;
    static final String NARRATIVE_SHEET = "情况说明数字";

    /** A side of the sheet: the whole width, or 收入 / 支出 of a two-sided table. */
    record Block(String group, int firstCol, Integer codeCol, Integer labelCol, Integer lineCol,
            Map<String, Integer> amountCols, List<RowTemplate> rows) {
        int lastCol() {
            int last = firstCol;
            for (Integer c : Arrays.asList(codeCol, labelCol, lineCol)) {
                if (c != null) {
                    last = Math.max(last, c);
                }
            }
            for (int c : amountCols.values()) {
                last = Math.max(last, c);
            }
            return last;
        }
    }

    /** A header cell, merged over rows {@code row..lastRow} and columns {@code col..lastCol}. */
    record HeaderCell(int row, int col, int lastRow, int lastCol, String text) {
    }

    final TableTemplate table;
    final String sheetName;
    final List<Block> blocks;
    final List<HeaderCell> header;
    final int width;
    final int lanciRow;
    final int firstDataRow;
    final Classification classification;
    private final Map<String, Integer> sheetRowOf = new HashMap<>();
    private final Map<String, Block> blockOf = new HashMap<>();

    private SheetPlan(TableTemplate table, List<Block> blocks, List<HeaderCell> header, int headerDepth) {
        this.table = table;
        this.sheetName = sheetName(table);
        this.blocks = blocks;
        this.header = header;
        this.width = blocks.get(blocks.size() - 1).lastCol() + 1;
        this.lanciRow = HEADER_TOP + headerDepth;
        this.firstDataRow = lanciRow + 1;
        this.classification = table.subjectRows().map(s -> s.classification()).orElse(null);
        for (Block b : blocks) {
            for (int i = 0; i < b.rows().size(); i++) {
                sheetRowOf.put(b.rows().get(i).id(), firstDataRow + i);
                blockOf.put(b.rows().get(i).id(), b);
            }
        }
    }

    static String sheetName(TableTemplate table) {
        return "N".equals(table.id()) ? NARRATIVE_SHEET : table.code();
    }

    /** Lays out {@code table} with {@code rows} (already in print order) as its data rows. */
    static SheetPlan of(TableTemplate table, List<RowTemplate> rows) {
        if (isTwoSided(table)) {
            return twoSided(table, rows);
        }
        boolean subjects = table.subjectRows().isPresent();
        boolean labelled = subjects || table.fixedRows().size() > 1;
        List<ColumnTemplate> columns = sortedColumns(table);
        int depth = Math.max(subjects ? 2 : 1, columns.stream().mapToInt(c -> path(c).size()).max().orElse(1));
        List<HeaderCell> header = new ArrayList<>();
        int next = 0;
        Integer codeCol = null;
        Integer labelCol = null;
        if (subjects) {
            codeCol = next++;
            labelCol = next++;
            header.add(new HeaderCell(HEADER_TOP, codeCol, HEADER_TOP + depth - 2, labelCol, "项    目"));
            String codeHeader = table.subjectRows().get().classification() == Classification.ECONOMIC ? "经济分类科目编码"
                    : "功能分类科目编码";
            header.add(new HeaderCell(HEADER_TOP + depth - 1, codeCol, HEADER_TOP + depth - 1, codeCol, codeHeader));
            header.add(new HeaderCell(HEADER_TOP + depth - 1, labelCol, HEADER_TOP + depth - 1, labelCol, "科目名称"));
        } else if (labelled) {
            labelCol = next++;
            header.add(new HeaderCell(HEADER_TOP, labelCol, HEADER_TOP + depth - 1, labelCol, "项    目"));
        }
        Map<String, Integer> amounts = new LinkedHashMap<>();
        for (ColumnTemplate c : columns) {
            amounts.put(c.id(), next++);
        }
        header.addAll(amountHeader(columns, amounts, depth));
        Block block = new Block(null, 0, codeCol, labelCol, null, amounts, List.copyOf(rows));
        return new SheetPlan(table, List.of(block), header, depth);
    }

    /**
     * 01表 and 04表: every column belongs to a group (收入, 支出) and every row fills columns of one group only, so
     * each group is printed as its own block, side by side.
     */
    static boolean isTwoSided(TableTemplate table) {
        if (table.columns().stream().anyMatch(c -> c.group() == null)) {
            return false;
        }
        Set<String> groups = table.columns().stream().map(ColumnTemplate::group).collect(Collectors.toSet());
        if (groups.size() < 2) {
            return false;
        }
        Map<String, String> groupOf = table.columns().stream()
                .collect(Collectors.toMap(ColumnTemplate::id, ColumnTemplate::group));
        return table.printedRows().stream()
                .allMatch(r -> r.columns().stream().map(groupOf::get).distinct().count() == 1);
    }

    private static SheetPlan twoSided(TableTemplate table, List<RowTemplate> rows) {
        Map<String, List<ColumnTemplate>> byGroup = new LinkedHashMap<>();
        sortedColumns(table).forEach(c -> byGroup.computeIfAbsent(c.group(), g -> new ArrayList<>()).add(c));
        List<Block> blocks = new ArrayList<>();
        List<HeaderCell> header = new ArrayList<>();
        int next = 0;
        for (Map.Entry<String, List<ColumnTemplate>> g : byGroup.entrySet()) {
            int first = next;
            int labelCol = next++;
            int lineCol = next++;
            Map<String, Integer> amounts = new LinkedHashMap<>();
            for (ColumnTemplate c : g.getValue()) {
                amounts.put(c.id(), next++);
            }
            List<RowTemplate> side = rows.stream().filter(r -> amounts.keySet().containsAll(r.columns())).toList();
            blocks.add(new Block(g.getKey(), first, null, labelCol, lineCol, amounts, side));
            header.add(new HeaderCell(HEADER_TOP, first, HEADER_TOP, next - 1, g.getKey()));
            header.add(new HeaderCell(HEADER_TOP + 1, labelCol, HEADER_TOP + 1, labelCol, "项    目"));
            header.add(new HeaderCell(HEADER_TOP + 1, lineCol, HEADER_TOP + 1, lineCol, "行次"));
            for (ColumnTemplate c : g.getValue()) {
                int col = amounts.get(c.id());
                header.add(new HeaderCell(HEADER_TOP + 1, col, HEADER_TOP + 1, col, c.label()));
            }
        }
        return new SheetPlan(table, blocks, header, 2);
    }

    /**
     * The 栏次 headers: each column's groups ("预算数 · 公务用车购置及运行维护费" is two levels) above its label,
     * neighbours under the same group merged across, a label with fewer groups merged down to the last header row.
     */
    private static List<HeaderCell> amountHeader(List<ColumnTemplate> columns, Map<String, Integer> at, int depth) {
        List<HeaderCell> cells = new ArrayList<>();
        for (int r = 0; r < depth; r++) {
            int i = 0;
            while (i < columns.size()) {
                List<String> path = path(columns.get(i));
                if (r > path.size() - 1) {
                    i++;
                    continue;
                }
                int col = at.get(columns.get(i).id());
                if (r == path.size() - 1) {
                    cells.add(new HeaderCell(HEADER_TOP + r, col, HEADER_TOP + depth - 1, col, path.get(r)));
                    i++;
                    continue;
                }
                List<String> group = path.subList(0, r + 1);
                int j = i + 1;
                while (j < columns.size() && path(columns.get(j)).size() - 1 > r
                        && path(columns.get(j)).subList(0, r + 1).equals(group)) {
                    j++;
                }
                cells.add(new HeaderCell(HEADER_TOP + r, col, HEADER_TOP + r, at.get(columns.get(j - 1).id()),
                        path.get(r)));
                i = j;
            }
        }
        return cells;
    }

    private static List<String> path(ColumnTemplate c) {
        List<String> p = new ArrayList<>();
        if (c.group() != null) {
            for (String g : c.group().split("·")) {
                p.add(g.trim());
            }
        }
        p.add(c.label());
        return p;
    }

    private static List<ColumnTemplate> sortedColumns(TableTemplate table) {
        return table.columns().stream()
                .sorted((a, b) -> TableTemplate.columnOrder().compare(a.id(), b.id())).toList();
    }

    int dataRowCount() {
        return blocks.stream().mapToInt(b -> b.rows().size()).max().orElse(0);
    }

    Integer sheetRow(String rowId) {
        return sheetRowOf.get(rowId);
    }

    Block block(String rowId) {
        return blockOf.get(rowId);
    }

    /** The A1 reference of a template cell on this sheet ("D7"), or null when the row is not printed. */
    String reference(String rowId, String colId) {
        Integer row = sheetRowOf.get(rowId);
        Block b = blockOf.get(rowId);
        if (row == null || b == null || !b.amountCols().containsKey(colId)) {
            return null;
        }
        return new CellReference(row, b.amountCols().get(colId)).formatAsString(false);
    }

    /** "公开05表!D7", or null when the row is not printed. */
    String address(String rowId, String colId) {
        String ref = reference(rowId, colId);
        return ref == null ? null : sheetName + "!" + ref;
    }
}
