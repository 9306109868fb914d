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

    /**
     * The 科目 codes the formula names as they are written ({@code T06.30108.1 = T05.2080505.2} names 30108 and
     * 2080505; {@code sum(T05.children(208).2)} names 208), for checking a new year's lists against the rules it
     * inherits. Variables and template row ids ({@code total}) are not codes.
     */
    public java.util.SortedSet<String> subjectCodes() {
        java.util.SortedSet<String> codes = new java.util.TreeSet<>();
        collect(left, codes);
        collect(right, codes);
        return codes;
    }

    private static void collect(Expr e, java.util.Set<String> codes) {
        if (e instanceof Expr.Cell c) {
            addIfCode(c.row(), codes);
        } else if (e instanceof Expr.Sum s && "children".equals(s.rows().kind())) {
            addIfCode(s.rows().argument(), codes);
        } else if (e instanceof Expr.Terms t) {
            t.terms().forEach(term -> collect(term, codes));
        }
    }

    private static void addIfCode(String row, java.util.Set<String> codes) {
        if (row != null && !row.isEmpty() && row.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            codes.add(row);
        }
    }

    public enum Comparison {
        EQUAL("="), AT_MOST("<="), AT_LEAST(">=");

        final String symbol;

        Comparison(String symbol) {
            this.symbol = symbol;
        }
    }
}
