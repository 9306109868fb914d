package cn.finalaccounts.fiscal.consolidation;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.Amounts;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The 合并 of a node: its simple 汇总 minus the internal flows between the units inside it. For each supervising
 * unit and its subordinates inside the node, and each flow, the income and the expenditure are matched 项 by 项;
 * the matched part leaves the income cells (02表 and 01表 收入) and the expenditure cells (03表 and 01表 类 支出),
 * with every subtotal and total above them, so the consolidated tables still add up. What does not match is left
 * in and reported.
 */
public final class Consolidation {
    private final FiscalYear year;

    public Consolidation(FiscalYear year) {
        this.year = year;
    }

    /** The eliminations found and the adjustment to add to the simple 汇总 (all amounts negative or zero). */
    public record Result(List<Elimination> eliminations, CellSheet adjustment) {
    }

    /**
     * @param sheets each unit's counted figures, in 万元, with derived subtotals
     * @param subordinates each supervising unit inside the node → its subordinate units inside the node
     */
    public Result eliminate(Map<String, CellSheet> sheets, Map<String, List<String>> subordinates) {
        List<Elimination> eliminations = new ArrayList<>();
        CellSheet adjustment = new CellSheet();
        TableTemplate t02 = year.template().table("02").orElseThrow();
        TableTemplate t03 = year.template().table("03").orElseThrow();
        for (Map.Entry<String, List<String>> group : new java.util.TreeMap<>(subordinates).entrySet()) {
            String supervisor = group.getKey();
            List<String> subs = group.getValue();
            for (InternalFlow flow : InternalFlow.values()) {
                List<String> receivers = flow.subordinateReceives() ? subs : List.of(supervisor);
                List<String> payers = flow.subordinateReceives() ? List.of(supervisor) : subs;
                TreeSet<String> rows = new TreeSet<>();
                receivers.forEach(u -> rows.addAll(xiangRows(sheets.get(u), "02", flow.incomeColumn(), t02)));
                payers.forEach(u -> rows.addAll(xiangRows(sheets.get(u), "03", flow.expenseColumn(), t03)));
                for (String row : rows) {
                    BigDecimal income = sum(sheets, receivers, new CellKey("02", row, flow.incomeColumn()));
                    BigDecimal expense = sum(sheets, payers, new CellKey("03", row, flow.expenseColumn()));
                    BigDecimal matched = income.min(expense).max(BigDecimal.ZERO);
                    eliminations.add(new Elimination(flow.label(), supervisor, subs, row, Amounts.format(income),
                            Amounts.format(expense), Amounts.format(matched), Amounts.format(income.subtract(matched)),
                            Amounts.format(expense.subtract(matched))));
                    if (matched.signum() > 0) {
                        remove(adjustment, t02, "02", row, flow.incomeColumn(), matched);
                        remove(adjustment, t03, "03", row, flow.expenseColumn(), matched);
                        for (String r : List.of(flow.table01IncomeRow(), "income_total", "income_grand_total")) {
                            adjustment.add(new CellKey("01", r, "1"), matched.negate());
                        }
                        for (String r : List.of(row.substring(0, 3), "expense_total", "expense_grand_total")) {
                            adjustment.add(new CellKey("01", r, "2"), matched.negate());
                        }
                    }
                }
            }
        }
        return new Result(eliminations, adjustment);
    }

    /** Takes the amount out of a 项 cell, its 栏1 合计 cell, and the same two cells of every row above it. */
    private static void remove(CellSheet adjustment, TableTemplate table, String tableId, String row, String col,
            BigDecimal amount) {
        for (Optional<String> r = Optional.of(row); r.isPresent(); r = table.parentOf(r.get())) {
            adjustment.add(new CellKey(tableId, r.get(), col), amount.negate());
            adjustment.add(new CellKey(tableId, r.get(), "1"), amount.negate());
        }
    }

    private List<String> xiangRows(CellSheet sheet, String table, String col, TableTemplate template) {
        List<String> rows = new ArrayList<>();
        if (sheet != null) {
            sheet.sorted().forEach((k, v) -> {
                if (k.table().equals(table) && k.col().equals(col) && v.signum() != 0
                        && template.levelOf(k.row()).orElse(null) == SubjectLevel.XIANG) {
                    rows.add(k.row());
                }
            });
        }
        return rows;
    }

    private static BigDecimal sum(Map<String, CellSheet> sheets, List<String> units, CellKey cell) {
        BigDecimal total = BigDecimal.ZERO;
        for (String u : units) {
            CellSheet s = sheets.get(u);
            BigDecimal v = s == null ? null : s.cells().get(cell);
            if (v != null) {
                total = total.add(v);
            }
        }
        return total;
    }
}
