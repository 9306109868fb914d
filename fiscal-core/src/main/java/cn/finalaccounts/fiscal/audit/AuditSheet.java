package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A report laid out for the rules: cell values in 万元 by table, row and column, and the rows present. */
final class AuditSheet {
    private final FiscalYear year;
    private final Map<String, Map<String, Map<String, BigDecimal>>> cells = new HashMap<>();
    /** Per table, the present rows under each row and the present rows of each level, computed once. */
    private final Map<String, Map<String, Set<String>>> children = new HashMap<>();
    private final Map<String, Map<SubjectLevel, Set<String>>> levels = new HashMap<>();

    AuditSheet(ReportBody report, FiscalYear year) {
        this.year = year;
        AmountUnit unit = report.amountUnit();
        for (ReportTable t : report.tables()) {
            Map<String, Map<String, BigDecimal>> rows = cells.computeIfAbsent(t.table(), k -> new java.util.LinkedHashMap<>());
            for (ReportCell c : t.cells()) {
                rows.computeIfAbsent(c.row(), k -> new HashMap<>()).put(c.col(), unit.toWanYuan(c.amount()));
            }
        }
    }

    /** The cell's value, or null when it is blank. */
    BigDecimal value(String table, String row, String col) {
        Map<String, BigDecimal> r = cells.getOrDefault(table, Map.of()).get(row);
        return r == null ? null : r.get(col);
    }

    /** Rows of a table that hold at least one figure, in the order given. */
    Set<String> rows(String table) {
        return cells.getOrDefault(table, Map.of()).keySet();
    }

    Set<String> rowsOfLevel(String table, SubjectLevel level) {
        return levels.computeIfAbsent(table, this::indexLevels).getOrDefault(level, Set.of());
    }

    Set<String> children(String table, String parent) {
        return children.computeIfAbsent(table, this::indexChildren).getOrDefault(parent, Set.of());
    }

    private Map<SubjectLevel, Set<String>> indexLevels(String table) {
        Map<SubjectLevel, Set<String>> byLevel = new HashMap<>();
        year.template().table(table).ifPresent(t -> rows(table).forEach(r -> t.levelOf(r)
                .ifPresent(l -> byLevel.computeIfAbsent(l, k -> new LinkedHashSet<>()).add(r))));
        return byLevel;
    }

    private Map<String, Set<String>> indexChildren(String table) {
        Map<String, Set<String>> byParent = new HashMap<>();
        year.template().table(table).ifPresent(t -> rows(table).forEach(r -> t.parentOf(r)
                .ifPresent(p -> byParent.computeIfAbsent(p, k -> new LinkedHashSet<>()).add(r))));
        return byParent;
    }

    List<String> columns(String table) {
        return year.template().table(table).map(t -> t.columns().stream().map(c -> c.id()).toList()).orElse(List.of());
    }

    /** 公开05表 · 合计 · 基本支出 */
    String label(String table, String row, String col) {
        Optional<TableTemplate> t = year.template().table(table);
        if (t.isEmpty()) {
            return table + " · " + row + " · " + col;
        }
        String rowLabel = t.get().row(row).map(r -> r.code() != null ? r.code() + " " + r.label() : r.label()).orElse(row);
        String colLabel = t.get().columns().stream().filter(c -> c.id().equals(col)).findFirst()
                .map(c -> c.group() != null && !c.label().equals(c.group()) ? c.group() + " " + c.label() : c.label())
                .orElse(col);
        return t.get().code() + " · " + rowLabel + " · " + colLabel;
    }
}
