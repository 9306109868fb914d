package cn.finalaccounts.fiscal.money;

import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.validation.Violation;
import java.math.BigDecimal;
import java.util.List;

/**
 * 金额上限 (the amount ceiling): the largest figure the platform accepts, in absolute value, so that nothing accepted
 * can overflow a store downstream. One figure is at most {@link #MAX_WAN_YUAN} = 9,999,999,999.99 万元 (just under
 * 10¹⁰ 万元 = 10¹⁴ 元, 100 万亿元: about four times a year of China's whole general public budget expenditure, 2023:
 * 27.5 万亿元), or the same sum written in 元.
 *
 * <p>Why this bound (docs/api.md, "Amount ceiling", has the table):
 * <ul>
 * <li>The narrowest amount columns are DECIMAL(18, 2) (performance-service: budgets, spending records, a project's
 * 03/05表 figures, fund statistics; aggregation-service: project and fund contributions): below 10¹⁶. Every figure
 * that one of them holds is checked against the ceiling, including the figures that are themselves sums — a
 * report's derived 款, 类 and 合计, a project's spending so far — so each holds at most 10¹⁰ and six digits stay
 * spare. Indicator targets, DECIMAL(18, 4) (below 10¹⁴), keep four.</li>
 * <li>Sums over many units (a 汇总) are kept as exact decimal text and summed in BigDecimal, which cannot overflow;
 * were one kept in DECIMAL(18, 2), N units of at most 10¹⁰ 万元 would fit for N up to 10⁶, a hundred times the
 * 10,000 units of the largest workload we plan for.</li>
 * </ul>
 */
public final class AmountCeiling {
    /** The ceiling in 万元; a figure in 元 may be 10⁴ times larger as written. */
    public static final BigDecimal MAX_WAN_YUAN = new BigDecimal("9999999999.99");

    private AmountCeiling() {
    }

    /** The ceiling as written in {@code unit}. */
    public static BigDecimal max(AmountUnit unit) {
        return unit == AmountUnit.YUAN ? MAX_WAN_YUAN.movePointRight(4) : MAX_WAN_YUAN;
    }

    public static boolean exceeds(BigDecimal amount, AmountUnit unit) {
        return amount.abs().compareTo(max(unit)) > 0;
    }

    /** The reason to give when {@code amount} is above the ceiling. */
    public static String reason(BigDecimal amount, AmountUnit unit) {
        return "'" + amount.toPlainString() + "' is above the amount ceiling of " + max(unit).toPlainString() + " "
                + unit.label() + " (金额上限), which every store downstream can hold";
    }

    /**
     * Every cell of a report, including the subtotals derived from the cells sent: a 合计 of cells each under the
     * ceiling may still be above it. Derived cells are named by table, row and column ("05.total.2").
     */
    public static void check(ReportBody report, List<Violation> violations) {
        for (int t = 0; t < report.tables().size(); t++) {
            ReportTable table = report.tables().get(t);
            for (int c = 0; c < table.cells().size(); c++) {
                ReportCell cell = table.cells().get(c);
                if (cell.amount() != null && exceeds(cell.amount(), report.amountUnit())) {
                    String where = table.table() + "." + cell.row() + "." + cell.col();
                    violations.add(new Violation(where,
                            (Boolean.TRUE.equals(cell.derived()) ? "the derived subtotal " : "")
                                    + reason(cell.amount(), report.amountUnit())));
                }
            }
        }
    }
}
