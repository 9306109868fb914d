package cn.finalaccounts.fiscal.audit;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the small formula language of the rule book:
 *
 * <pre>
 *   formula := [ "for" scope { "," scope } ":" ] cell ( "=" | "&lt;=" | "&gt;=" ) expr
 *   scope   := var "in" ( "rows" | "cols" | "类" | "款" | "项" ) "(" table { "," table } ")"
 *   expr    := term { ( "+" | "-" ) term }
 *   term    := cell | "prev(" cell ")" | "sum(" table "." rowset "." col ")" | number
 *   rowset  := "rows" | "类" | "款" | "项" | "children(" row ")"
 *   cell    := table "." row "." col          e.g. T05.total.2, T01.r.2 with r bound by the scope
 * </pre>
 *
 * Tables are written T01 … T09 (公开01–09表) and TN (figures quoted in the 情况说明 narrative). A headline figure the
 * rule file names ({@code #income_total}) reaches this parser already written out as its cell
 * ({@link cn.finalaccounts.fiscal.figures.NamedFigures#expand}).
 */
final class FormulaParser {
    private static final Pattern TOKEN = Pattern.compile("\\s*(<=|>=|[=+\\-(),:.]|[\\p{L}\\p{N}_]+)");
    private static final Set<String> ROW_KINDS = Set.of("rows", "类", "款", "项");
    private static final Set<String> SCOPE_KINDS = Set.of("rows", "cols", "类", "款", "项");

    private final String text;
    private final List<String> tokens = new ArrayList<>();
    private int pos;

    private FormulaParser(String text) {
        this.text = text;
        Matcher m = TOKEN.matcher(text);
        int at = 0;
        while (at < text.length()) {
            if (!m.find(at) || m.start() != at) {
                if (text.substring(at).isBlank()) {
                    break;
                }
                throw error("unexpected character at " + at);
            }
            tokens.add(m.group(1));
            at = m.end();
        }
    }

    static Formula parse(String text) {
        return new FormulaParser(text).formula();
    }

    private Formula formula() {
        List<Formula.Scope> scopes = new ArrayList<>();
        if (peek("for")) {
            next();
            do {
                scopes.add(scope());
            } while (accept(","));
            expect(":");
        }
        Expr left = term();
        if (!(left instanceof Expr.Cell cell)) {
            throw error("the left side must be one cell");
        }
        Formula.Comparison op = switch (next()) {
            case "=" -> Formula.Comparison.EQUAL;
            case "<=" -> Formula.Comparison.AT_MOST;
            case ">=" -> Formula.Comparison.AT_LEAST;
            default -> throw error("expected =, <= or >=");
        };
        Expr right = expr();
        if (pos != tokens.size()) {
            throw error("unexpected '" + tokens.get(pos) + "'");
        }
        return new Formula(text, List.copyOf(scopes), cell, op, right);
    }

    private Formula.Scope scope() {
        String variable = next();
        expect("in");
        String kind = next();
        if (!SCOPE_KINDS.contains(kind)) {
            throw error("a scope ranges over rows, cols, 类, 款 or 项, not " + kind);
        }
        expect("(");
        List<String> tables = new ArrayList<>();
        do {
            tables.add(table(next()));
        } while (accept(","));
        expect(")");
        return new Formula.Scope(variable, kind, List.copyOf(tables));
    }

    private Expr expr() {
        List<Expr> terms = new ArrayList<>();
        List<Boolean> negated = new ArrayList<>();
        terms.add(term());
        negated.add(false);
        while (peek("+") || peek("-")) {
            negated.add("-".equals(next()));
            terms.add(term());
        }
        return terms.size() == 1 ? terms.get(0) : new Expr.Terms(List.copyOf(terms), List.copyOf(negated));
    }

    private Expr term() {
        String t = next();
        if ("prev".equals(t)) {
            expect("(");
            Expr.Cell c = cell(next(), true);
            expect(")");
            return c;
        }
        if ("sum".equals(t)) {
            expect("(");
            String table = table(next());
            expect(".");
            Expr.RowSet rows;
            String kind = next();
            if ("children".equals(kind)) {
                expect("(");
                rows = new Expr.RowSet("children", next());
                expect(")");
            } else if (ROW_KINDS.contains(kind)) {
                rows = new Expr.RowSet(kind, null);
            } else {
                throw error("sum() takes rows, 类, 款, 项 or children(row), not " + kind);
            }
            expect(".");
            String col = next();
            expect(")");
            return new Expr.Sum(table, rows, col);
        }
        if (t.startsWith("T")) {
            return cell(t, false);
        }
        try {
            return new Expr.Constant(new BigDecimal(t));
        } catch (NumberFormatException e) {
            throw error("expected a cell, sum(), prev() or a number, not " + t);
        }
    }

    private Expr.Cell cell(String tableToken, boolean previousYear) {
        String table = table(tableToken);
        expect(".");
        String row = next();
        expect(".");
        String col = next();
        return new Expr.Cell(table, row, col, previousYear);
    }

    private String table(String token) {
        if (!token.startsWith("T") || token.length() < 2) {
            throw error("a table is written T01 … T09 or TN, not " + token);
        }
        return token.substring(1);
    }

    private boolean peek(String s) {
        return pos < tokens.size() && tokens.get(pos).equals(s);
    }

    private boolean accept(String s) {
        if (peek(s)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String s) {
        if (!accept(s)) {
            throw error("expected '" + s + "'");
        }
    }

    private String next() {
        if (pos >= tokens.size()) {
            throw error("the formula ends too early");
        }
        return tokens.get(pos++);
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("formula \"" + text + "\": " + what);
    }
}
