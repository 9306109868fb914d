package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.money.Amounts;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a year's rule book over a report (a unit's or a 汇总, the same way). Blank cells count as zero, except
 * that a check whose every cell is blank has nothing to say. Cross-year formulas are skipped when there is no
 * previous year's report.
 */
public final class Auditor {
    private final FiscalYear year;
    private final RuleBook rules;

    public Auditor(FiscalYear year) {
        this.year = year;
        this.rules = year.rules();
    }

    public List<Finding> audit(AuditInput input) {
        AuditSheet current = new AuditSheet(input.report(), year);
        AuditSheet previous = input.previousYear() == null ? null : new AuditSheet(input.previousYear(), year);
        List<Finding> findings = new ArrayList<>();
        for (AuditRule rule : rules.rules()) {
            if (!rule.appliesTo(input.unitType())) {
                continue;
            }
            boolean noted = false;
            for (Formula formula : rule.formulas()) {
                if (previous == null && usesPreviousYear(formula)) {
                    if (!noted) {
                        findings.add(notChecked(rule, formula, current));
                        noted = true;
                    }
                    continue;
                }
                for (Map<String, String> binding : bindings(formula.scopes(), current)) {
                    check(rule, formula, binding, current, previous, findings);
                }
            }
        }
        return findings;
    }

    private void check(AuditRule rule, Formula f, Map<String, String> binding, AuditSheet current, AuditSheet previous,
            List<Finding> findings) {
        Evaluation left = new Evaluation();
        left.add(f.left(), binding, current, previous, false);
        Evaluation right = new Evaluation();
        right.add(f.right(), binding, current, previous, false);
        // Nothing to compare: every cell blank, or a row with no children where the check sums its children
        // (a 项 is the bottom of the hierarchy; a 款 sent without its 项 is the unit's own figure).
        if ((left.cells.isEmpty() && right.cells.isEmpty()) || right.childless) {
            return;
        }
        BigDecimal difference = left.total.subtract(right.total);
        BigDecimal allowance = rule.tolerance().allowance(right.cells.size());
        boolean holds = switch (f.op()) {
            case EQUAL -> difference.abs().compareTo(allowance) <= 0;
            case AT_MOST -> difference.compareTo(allowance) <= 0;
            case AT_LEAST -> difference.negate().compareTo(allowance) <= 0;
        };
        if (holds) {
            return;
        }
        Expr.Cell l = f.left();
        String table = bound(l.table(), binding);
        String row = bound(l.row(), binding);
        String col = bound(l.col(), binding);
        AuditSheet leftSheet = l.previousYear() ? previous : current;
        BigDecimal printed = leftSheet.value(table, row, col);
        findings.add(new Finding(rule.id(), rule.severity(),
                new Finding.CellRef(table, row, col, current.label(table, row, col)),
                printed == null ? null : Amounts.format(printed), Amounts.format(right.total), Amounts.format(difference),
                right.cells.stream().map(c -> new Finding.CellRef(c[0], c[1], c[2], current.label(c[0], c[1], c[2])))
                        .toList(),
                instance(f.text(), binding), rule.messageZh(), rule.messageEn()));
    }

    /**
     * A rule across years where last year has no report of the unit (nor of its predecessors): not checked, and
     * said so once per rule as a note, as a new unit's 情况说明 says 新成立单位无上年比较数据.
     */
    private static Finding notChecked(AuditRule rule, Formula f, AuditSheet current) {
        Expr.Cell l = f.left();
        BigDecimal printed = l.previousYear() ? null : current.value(l.table(), l.row(), l.col());
        return new Finding(rule.id(), Severity.INFO, new Finding.CellRef(l.table(), l.row(), l.col(),
                current.label(l.table(), l.row(), l.col())), printed == null ? null : Amounts.format(printed), null,
                null, List.of(), f.text(), NOT_CHECKED_ZH + "（" + rule.messageZh() + "）",
                NOT_CHECKED_EN + " (" + rule.messageEn() + ")");
    }

    static final String NOT_CHECKED_ZH = "未核对：上年没有本单位（或其前身单位）的决算报告，新成立单位无上年比较数据";
    static final String NOT_CHECKED_EN = "not checked: last year has no report of this unit or its predecessors"
            + " (a new unit has no last-year figures)";

    /** The sum of an expression's terms and the present cells it read ({table, row, col}). */
    private static final class Evaluation {
        BigDecimal total = BigDecimal.ZERO;
        final List<String[]> cells = new ArrayList<>();
        boolean childless;

        void add(Expr e, Map<String, String> b, AuditSheet current, AuditSheet previous, boolean negate) {
            if (e instanceof Expr.Cell c) {
                AuditSheet sheet = c.previousYear() ? previous : current;
                String t = bound(c.table(), b);
                String r = bound(c.row(), b);
                String k = bound(c.col(), b);
                addValue(sheet.value(t, r, k), t, r, k, negate);
            } else if (e instanceof Expr.Sum s) {
                String t = bound(s.table(), b);
                String k = bound(s.col(), b);
                Set<String> rows = rowSet(current, t, s.rows(), b);
                childless |= rows.isEmpty() && "children".equals(s.rows().kind());
                for (String r : rows) {
                    addValue(current.value(t, r, k), t, r, k, negate);
                }
            } else if (e instanceof Expr.Constant c) {
                total = negate ? total.subtract(c.value()) : total.add(c.value());
            } else if (e instanceof Expr.Terms terms) {
                for (int i = 0; i < terms.terms().size(); i++) {
                    add(terms.terms().get(i), b, current, previous, negate ^ terms.negated().get(i));
                }
            }
        }

        private void addValue(BigDecimal v, String t, String r, String k, boolean negate) {
            if (v != null) {
                total = negate ? total.subtract(v) : total.add(v);
                cells.add(new String[] {t, r, k});
            }
        }
    }

    private static Set<String> rowSet(AuditSheet sheet, String table, Expr.RowSet set, Map<String, String> b) {
        return switch (set.kind()) {
            case "rows" -> sheet.rows(table);
            case "children" -> sheet.children(table, bound(set.argument(), b));
            default -> sheet.rowsOfLevel(table, SubjectLevel.fromLabel(set.kind()));
        };
    }

    private static List<Map<String, String>> bindings(List<Formula.Scope> scopes, AuditSheet sheet) {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new HashMap<>());
        for (Formula.Scope scope : scopes) {
            List<Map<String, String>> next = new ArrayList<>();
            Set<String> values = new LinkedHashSet<>();
            for (String table : scope.tables()) {
                switch (scope.kind()) {
                    case "rows" -> values.addAll(sheet.rows(table));
                    case "cols" -> values.addAll(sheet.columns(table));
                    default -> values.addAll(sheet.rowsOfLevel(table, SubjectLevel.fromLabel(scope.kind())));
                }
            }
            for (Map<String, String> b : out) {
                for (String v : values) {
                    Map<String, String> nb = new HashMap<>(b);
                    nb.put(scope.variable(), v);
                    next.add(nb);
                }
            }
            out = next;
        }
        return out;
    }

    private static boolean usesPreviousYear(Formula f) {
        return f.left().previousYear() || usesPreviousYear(f.right());
    }

    private static boolean usesPreviousYear(Expr e) {
        if (e instanceof Expr.Cell c) {
            return c.previousYear();
        }
        return e instanceof Expr.Terms t && t.terms().stream().anyMatch(Auditor::usesPreviousYear);
    }

    private static String bound(String segment, Map<String, String> binding) {
        return binding.getOrDefault(segment, segment);
    }

    /** The formula with its variables replaced, e.g. "for r in rows(T05): T05.r.1 = …" → "T05.total.1 = …". */
    private static String instance(String text, Map<String, String> binding) {
        String body = text.contains(":") && text.trim().startsWith("for") ? text.substring(text.indexOf(':') + 1).trim() : text;
        for (Map.Entry<String, String> e : binding.entrySet()) {
            body = body.replaceAll("(?<=[.(])" + e.getKey() + "(?=[.)]|$)", e.getValue());
        }
        return body;
    }
}
