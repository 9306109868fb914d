package cn.finalaccounts.fiscal.narrative;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a quoted figure states, as an expression: cells {@code T06.public_total.1} (in 万元, a blank cell is 0),
 * last year's cells {@code P01.income_grand_total.1} (the unit's own report of last year or its predecessors'),
 * other figures of the same phrase {@code $b} (for a rate the sentence computes from its own figures), numbers,
 * + − × ÷ and parentheses. Exact except for division, which keeps 20 significant digits.
 */
final class FigureExpression {
    private static final Pattern TERM = Pattern.compile("@(\\w+)(?::(\\w+))?");
    private static final Pattern TOKEN = Pattern.compile(
            "\\s*([TP]\\w+\\.\\w+\\.\\w+|\\$\\w+|\\d+(?:\\.\\d+)?|[-+*/()])");

    /** A cell an expression reads, of this year's report or ({@code lastYear}) of last year's figures. */
    record Cell(String table, String row, String col, boolean lastYear) {
    }

    /** A division by zero: the figure is a rate or share of a zero base. */
    static final class ZeroBase extends RuntimeException {
        final BigDecimal numerator;

        ZeroBase(BigDecimal numerator) {
            super("division by zero", null, false, false);
            this.numerator = numerator;
        }
    }

    interface Values {
        BigDecimal cell(Cell cell);

        BigDecimal figure(String group);
    }

    sealed interface Node {
    }

    record Ref(Cell cell) implements Node {
    }

    record Figure(String group) implements Node {
    }

    record Num(BigDecimal value) implements Node {
    }

    record Op(char op, Node left, Node right) implements Node {
    }

    private final List<String> tokens;
    private int pos;

    private FigureExpression(List<String> tokens) {
        this.tokens = tokens;
    }

    /** Replaces {@code @item} and {@code @item:key} by the expression the printed term names, or null if unknown. */
    static String substitute(String expression, Function<String, String> groupText, Map<String, Map<String, String>> terms) {
        Matcher m = TERM.matcher(expression);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            Map<String, String> byKey = terms.get(groupText.apply(m.group(1)));
            String e = byKey == null ? null : byKey.get(m.group(2) == null ? "" : m.group(2));
            if (e == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement("(" + e + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Node parse(String expression) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(expression);
        int at = 0;
        while (at < expression.length()) {
            if (!m.find(at) || m.start() != at) {
                if (expression.substring(at).isBlank()) {
                    break;
                }
                throw new IllegalArgumentException("cannot read '" + expression + "' at " + at);
            }
            tokens.add(m.group(1));
            at = m.end();
        }
        FigureExpression p = new FigureExpression(tokens);
        Node n = p.sum();
        if (p.pos != tokens.size()) {
            throw new IllegalArgumentException("cannot read '" + expression + "': unexpected " + tokens.get(p.pos));
        }
        return n;
    }

    private Node sum() {
        Node n = product();
        while (pos < tokens.size() && (tokens.get(pos).equals("+") || tokens.get(pos).equals("-"))) {
            char op = tokens.get(pos++).charAt(0);
            n = new Op(op, n, product());
        }
        return n;
    }

    private Node product() {
        Node n = atom();
        while (pos < tokens.size() && (tokens.get(pos).equals("*") || tokens.get(pos).equals("/"))) {
            char op = tokens.get(pos++).charAt(0);
            n = new Op(op, n, atom());
        }
        return n;
    }

    private Node atom() {
        if (pos >= tokens.size()) {
            throw new IllegalArgumentException("expression ends too early");
        }
        String t = tokens.get(pos++);
        if (t.equals("(")) {
            Node n = sum();
            if (pos >= tokens.size() || !tokens.get(pos++).equals(")")) {
                throw new IllegalArgumentException("missing )");
            }
            return n;
        }
        if (t.startsWith("T") || t.startsWith("P")) {
            String[] parts = t.substring(1).split("\\.");
            return new Ref(new Cell(parts[0], parts[1], parts[2], t.startsWith("P")));
        }
        if (t.startsWith("$")) {
            return new Figure(t.substring(1));
        }
        if (Character.isDigit(t.charAt(0))) {
            return new Num(new BigDecimal(t));
        }
        throw new IllegalArgumentException("unexpected " + t);
    }

    static BigDecimal evaluate(Node n, Values values) {
        if (n instanceof Ref r) {
            return values.cell(r.cell());
        }
        if (n instanceof Figure f) {
            return values.figure(f.group());
        }
        if (n instanceof Num num) {
            return num.value();
        }
        Op op = (Op) n;
        BigDecimal l = evaluate(op.left(), values);
        BigDecimal r = evaluate(op.right(), values);
        switch (op.op()) {
            case '+':
                return l.add(r);
            case '-':
                return l.subtract(r);
            case '*':
                return l.multiply(r);
            default:
                if (r.signum() == 0) {
                    throw new ZeroBase(l);
                }
                return l.divide(r, MathContext.DECIMAL128);
        }
    }

    /** The cells an expression reads, in order, each once. */
    static List<Cell> cells(Node n) {
        List<Cell> out = new ArrayList<>();
        collect(n, out);
        return out;
    }

    private static void collect(Node n, List<Cell> out) {
        if (n instanceof Ref r && !out.contains(r.cell())) {
            out.add(r.cell());
        } else if (n instanceof Op op) {
            collect(op.left(), out);
            collect(op.right(), out);
        }
    }
}
