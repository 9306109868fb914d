package cn.finalaccounts.fiscal.audit;

import java.util.List;

/**
 * One check of a rule: for every binding of its scope variables, {@code left op right}. The text is the
 * formula as written in the rule book, which is also what a reviewer reads in the rule listing.
 */
public record Formula(String text, List<Scope> scopes, Expr.Cell left, Comparison op, Expr right) {

    /** {@code for r in 类(T03, T01)}: a variable and the rows or columns it ranges over. */
    record Scope(String variable, String kind, List<String> tables) {
    }

    public enum Comparison {
        EQUAL("="), AT_MOST("<="), AT_LEAST(">=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }
}
