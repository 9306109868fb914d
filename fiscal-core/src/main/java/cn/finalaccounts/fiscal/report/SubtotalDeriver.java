package cn.finalaccounts.fiscal.report;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fills the subtotals a report left blank: 款 = Σ its 项, 类 = Σ its 款, 合计 = Σ 类, per column, and the
 * template's summed rows (公开06表 人员经费合计 = 301 + 303, 公用经费合计 = 302 + 307 + 310 + 399). A unit may
 * therefore send only 项 rows. Figures the unit did send are never replaced: the audit checks them instead.
 */
public final class SubtotalDeriver {
    private static final List<SubjectLevel> BOTTOM_UP = List.of(SubjectLevel.XIANG, SubjectLevel.KUAN, SubjectLevel.LEI);

    private SubtotalDeriver() {
    }

    public static ReportBody complete(ReportBody sent, FiscalYear year) {
        List<ReportTable> tables = new ArrayList<>();
        for (ReportTable table : sent.tables()) {
            Optional<TableTemplate> template = year.template().table(table.table());
            tables.add(template.isPresent() ? complete(table, template.get()) : table);
        }
        return new ReportBody(sent.unit(), sent.year(), sent.amountUnit(), List.copyOf(tables));
    }

    private static ReportTable complete(ReportTable table, TableTemplate template) {
        // row → col → cell, sent cells first; derived ones are added where the row and column are blank.
        Map<String, Map<String, ReportCell>> grid = new LinkedHashMap<>();
        for (ReportCell c : table.cells()) {
            grid.computeIfAbsent(c.row(), r -> new LinkedHashMap<>()).put(c.col(), c);
        }
        for (SubjectLevel level : BOTTOM_UP) {
            Map<String, Map<String, BigDecimal>> sums = new LinkedHashMap<>();
            for (Map.Entry<String, Map<String, ReportCell>> row : grid.entrySet()) {
                if (template.levelOf(row.getKey()).orElse(null) != level) {
                    continue;
                }
                template.parentOf(row.getKey()).ifPresent(parent -> row.getValue().values().forEach(cell ->
                        sums.computeIfAbsent(parent, p -> new HashMap<>()).merge(cell.col(), cell.amount(), BigDecimal::add)));
            }
            sums.forEach((parent, byCol) -> fill(grid, parent, byCol));
        }
        for (var fixed : template.fixedRows()) {
            template.sumOf(fixed.id()).ifPresent(parts -> {
                Map<String, BigDecimal> byCol = new HashMap<>();
                parts.stream().map(grid::get).filter(r -> r != null)
                        .forEach(r -> r.values().forEach(c -> byCol.merge(c.col(), c.amount(), BigDecimal::add)));
                fill(grid, fixed.id(), byCol);
            });
        }
        List<ReportCell> cells = new ArrayList<>();
        grid.values().forEach(r -> cells.addAll(r.values()));
        cells.sort(ReportOrder.cells(template));
        return new ReportTable(table.table(), List.copyOf(cells));
    }

    private static void fill(Map<String, Map<String, ReportCell>> grid, String row, Map<String, BigDecimal> byCol) {
        Map<String, ReportCell> cells = grid.computeIfAbsent(row, r -> new LinkedHashMap<>());
        byCol.forEach((col, amount) -> cells.putIfAbsent(col, new ReportCell(row, col, amount, true)));
    }
}
