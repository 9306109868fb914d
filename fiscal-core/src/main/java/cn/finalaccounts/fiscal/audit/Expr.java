package cn.finalaccounts.fiscal.audit;

import java.math.BigDecimal;
import java.util.List;

/** The terms a formula is made of. Segments of a cell address may be variables bound by the formula's scope. */
sealed interface Expr {

    /** {@code T05.total.2}; {@code previousYear} for {@code prev(…)}. */
    record Cell(String table, String row, String col, boolean previousYear) implements Expr {
    }

    /** {@code sum(T05.类.k)}, {@code sum(T05.children(r).k)}: every present row of the set, one column. */
    record Sum(String table, RowSet rows, String col) implements Expr {
    }

    record Constant(BigDecimal value) implements Expr {
    }

    /** Terms added or subtracted left to right. */
    record Terms(List<Expr> terms, List<Boolean> negated) implements Expr {
    }

    /** A set of rows of a table: every present row, the rows of one 科目 level, or the children of a row. */
    record RowSet(String kind, String argument) {
    }
}
