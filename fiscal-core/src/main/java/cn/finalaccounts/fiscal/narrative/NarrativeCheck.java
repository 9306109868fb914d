package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.audit.Finding.CellRef;
import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.Counts;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.Matched;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.NarrativeFinding;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult.Unplaced;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.template.TableTemplate;
import cn.finalaccounts.fiscal.template.YearTemplate;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * The narrative check: reads a published 情况说明 sentence by sentence, places each quoted figure on the table
 * figure it states by the words around it (the rules of {@link NarrativeRuleBook}), recomputes it from the report
 * and compares within the printed tolerance — half a unit of the figure's last printed digit. A figure no rule
 * places is listed as unplaced: guessing which cell a bare number means would make findings nobody can trust.
 *
 * <p>Severity: a difference of at most one unit of the last digit is a slip of rounding (a warning); beyond it
 * the rule's own severity applies. One finding per phrase: when several figures of a phrase disagree, the largest
 * difference heads the finding and the others are named in its message.
 */
public final class NarrativeCheck {
    private final NarrativeRuleBook rules;
    private final YearTemplate template;

    public NarrativeCheck(NarrativeRuleBook rules, YearTemplate template) {
        this.rules = rules;
        this.template = template;
    }

    public NarrativeCheckResult check(String text, ReportBody report, UnitType unitType) {
        return check(text, report, null, unitType);
    }

    /**
     * @param lastYear the figures a 比上年 sentence compares with (the unit's own report of last year, or its merged
     *                 predecessors', in this year's codes); null when there are none: the rules that read it are
     *                 then left out (their figures unplaced), and a sentence that says there is no last year holds
     */
    public NarrativeCheckResult check(String text, ReportBody report, ReportBody lastYear, UnitType unitType) {
        CellSheet sheet = report.toSheet();
        CellSheet before = lastYear == null ? null : lastYear.toSheet();
        List<Matched> matched = new ArrayList<>();
        List<NarrativeFinding> findings = new ArrayList<>();
        List<Unplaced> unplaced = new ArrayList<>();
        int figures = 0;
        for (String sentence : sentences(text)) {
            List<QuotedFigure> scanned = QuotedFigure.scan(sentence);
            // Characters already placed: a bit set keeps the overlap test linear in a long hostile sentence.
            BitSet placed = new BitSet(sentence.length());
            int placedCount = 0;
            for (NarrativeRule rule : rules.rules()) {
                if (!rule.appliesTo(unitType)) {
                    continue;
                }
                Matcher m = rule.pattern().matcher(sentence);
                if (rule.deniesLastYear()) {
                    if (before != null && m.find()) {
                        findings.add(new NarrativeFinding(rule.id(), rule.severity(), sentence, m.group(), null, null,
                                List.of(), rule.zh() + "：情况说明写“" + m.group() + "”，但上年有本单位（或其前身单位）的决算报告",
                                rule.en() + ": the narrative says \"" + m.group() + "\", but last year has a report of"
                                        + " the unit (or its predecessors)"));
                    }
                    continue;
                }
                if (before == null && rule.readsLastYear()) {
                    // Nothing to compare with, as the audit's rules across years: its figures stay unplaced.
                    continue;
                }
                while (m.find()) {
                    Optional<Phrase> phrase = phrase(rule, m, placed);
                    if (phrase.isEmpty()) {
                        continue;
                    }
                    for (QuotedFigure f : phrase.get().figures.values()) {
                        placed.set(f.start(), f.end());
                        placedCount++;
                    }
                    judge(rule, sentence, phrase.get(), sheet, before, matched, findings);
                }
            }
            figures += placedCount;
            for (QuotedFigure f : scanned) {
                if (placed.get(f.start(), f.end()).isEmpty()) {
                    unplaced.add(new Unplaced(quote(sentence, f), f.printed()));
                    figures++;
                }
            }
        }
        int within = (int) matched.stream().filter(Matched::withinTolerance).count();
        return new NarrativeCheckResult(List.copyOf(matched), List.copyOf(findings), List.copyOf(unplaced),
                new Counts(figures, matched.size(), within, findings.size(), unplaced.size()));
    }

    /** Sentences end at 。 or a line break; blank ones are skipped. Whitespace inside is kept as printed. */
    static List<String> sentences(String text) {
        List<String> out = new ArrayList<>();
        for (String s : text.split("[。\\r\\n]+")) {
            if (!s.isBlank()) {
                out.add(s.strip());
            }
        }
        return out;
    }

    /** The figures of one match with their expressions, or empty if a figure was placed already or a term is unknown. */
    private record Phrase(Map<String, QuotedFigure> figures, Map<String, FigureExpression.Node> expressions) {
    }

    private Optional<Phrase> phrase(NarrativeRule rule, Matcher m, BitSet placed) {
        Map<String, QuotedFigure> figures = new LinkedHashMap<>();
        Map<String, FigureExpression.Node> expressions = new LinkedHashMap<>();
        for (Map.Entry<String, String> f : rule.figures().entrySet()) {
            String printed = m.group(f.getKey());
            if (printed == null) {
                // An optional part of the phrase the sentence left out (增长 y% after 比上年增加 x万元).
                continue;
            }
            QuotedFigure figure = QuotedFigure.of(printed, m.start(f.getKey()));
            if (!placed.get(figure.start(), figure.end()).isEmpty()) {
                return Optional.empty();
            }
            String expression = FigureExpression.substitute(f.getValue(), m::group, rule.terms());
            if (expression == null) {
                return Optional.empty();
            }
            figures.put(f.getKey(), figure);
            expressions.put(f.getKey(), FigureExpression.parse(expression));
        }
        return Optional.of(new Phrase(figures, expressions));
    }

    /** One figure compared: printed and recomputed in the printed unit. */
    private record Comparison(String group, QuotedFigure figure, BigDecimal recomputed, BigDecimal difference,
            boolean within, List<CellRef> cells, String note) {
    }

    private void judge(NarrativeRule rule, String sentence, Phrase phrase, CellSheet sheet, CellSheet before,
            List<Matched> matched, List<NarrativeFinding> findings) {
        FigureExpression.Values values = new FigureExpression.Values() {
            @Override
            public BigDecimal cell(FigureExpression.Cell c) {
                return (c.lastYear() ? before : sheet).cells().getOrDefault(new CellKey(c.table(), c.row(), c.col()),
                        BigDecimal.ZERO);
            }

            @Override
            public BigDecimal figure(String group) {
                QuotedFigure f = phrase.figures.get(group);
                return f.isYuan() ? f.value().movePointLeft(4) : f.value();
            }
        };
        List<Comparison> failed = new ArrayList<>();
        for (Map.Entry<String, QuotedFigure> e : phrase.figures.entrySet()) {
            Comparison c = compare(e.getKey(), e.getValue(), phrase.expressions.get(e.getKey()), values);
            List<FigureExpression.Cell> cells = FigureExpression.cells(phrase.expressions.get(e.getKey()));
            String tableValue = cells.size() == 1 && !e.getValue().isPercentage()
                    ? plain(values.cell(cells.get(0))) : null;
            matched.add(new Matched(quote(sentence, e.getValue()), e.getValue().printed(), rule.id(), c.cells, tableValue,
                    c.recomputed == null ? null : plain(c.recomputed), c.within, c.note));
            if (!c.within) {
                failed.add(c);
            }
        }
        String sumDetailZh = null;
        String sumDetailEn = null;
        if (rule.sum() != null) {
            QuotedFigure whole = phrase.figures.get(rule.sum().whole());
            BigDecimal parts = rule.sum().parts().stream().map(p -> phrase.figures.get(p).value())
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (parts.subtract(whole.value()).abs().compareTo(whole.halfUnit()) > 0) {
                sumDetailZh = "所列各项之和为" + plain(parts) + "，不等于" + whole.printed();
                sumDetailEn = "the parts printed add up to " + plain(parts) + ", not " + whole.printed();
                if (failed.isEmpty()) {
                    failed.add(new Comparison(rule.sum().whole(), whole, parts, whole.value().subtract(parts), false,
                            List.of(), null));
                }
            }
        }
        if (!failed.isEmpty()) {
            findings.add(finding(rule, sentence, failed, sumDetailZh, sumDetailEn));
        }
    }

    private Comparison compare(String group, QuotedFigure figure, FigureExpression.Node expression,
            FigureExpression.Values values) {
        List<CellRef> cells = FigureExpression.cells(expression).stream().map(this::ref).toList();
        BigDecimal recomputed;
        try {
            recomputed = FigureExpression.evaluate(expression, values);
        } catch (FigureExpression.ZeroBase zero) {
            // 0 of 0 printed as 0% is the usual way to say "nothing budgeted, nothing spent"; any other rate of a
            // zero base cannot be recomputed and is reported.
            boolean nothing = zero.numerator.signum() == 0 && figure.value().signum() == 0;
            return new Comparison(group, figure, null, null, nothing, cells,
                    nothing ? "0 of 0 (零基数)" : "rate of a zero base (基数为零)");
        }
        if (figure.isYuan()) {
            recomputed = recomputed.movePointRight(4);
        }
        BigDecimal difference = figure.value().subtract(recomputed);
        boolean within = difference.abs().compareTo(figure.halfUnit()) <= 0;
        // A rate is shown at the precision it was printed with (97.31 against 97.32); an amount as the tables
        // hold it (8.03 against a printed 1.2, not 8.0).
        BigDecimal shown = figure.isPercentage()
                ? recomputed.setScale(Math.max(0, figure.value().scale()), RoundingMode.HALF_UP)
                : recomputed.stripTrailingZeros().scale() <= 2 ? recomputed.setScale(2, RoundingMode.UNNECESSARY)
                        : recomputed;
        return new Comparison(group, figure, shown, difference, within, cells, null);
    }

    private NarrativeFinding finding(NarrativeRule rule, String sentence, List<Comparison> failed, String sumZh,
            String sumEn) {
        Comparison head = failed.stream()
                .max(Comparator.comparing((Comparison c) -> c.difference == null ? BigDecimal.valueOf(Long.MAX_VALUE)
                        : c.difference.abs()))
                .orElseThrow();
        boolean slip = failed.stream().allMatch(c -> c.difference != null
                && c.difference.abs().compareTo(c.figure.lastDigit()) <= 0) && sumZh == null;
        Severity severity = slip && rule.severity() == Severity.ERROR ? Severity.WARNING : rule.severity();
        StringBuilder zh = new StringBuilder(rule.zh()).append("：情况说明写").append(head.figure.printed());
        StringBuilder en = new StringBuilder(rule.en()).append(": the narrative prints ").append(head.figure.printed());
        if (head.recomputed != null) {
            zh.append("，按决算表应为").append(plain(head.recomputed));
            en.append(", the tables give ").append(plain(head.recomputed));
        } else {
            zh.append("，").append(head.note);
            en.append(", ").append(head.note);
        }
        for (Comparison c : failed) {
            if (c != head && c.recomputed != null) {
                zh.append("；").append(c.figure.printed()).append("应为").append(plain(c.recomputed));
                en.append("; ").append(c.figure.printed()).append(" should be ").append(plain(c.recomputed));
            }
        }
        if (sumZh != null) {
            zh.append("；").append(sumZh);
            en.append("; ").append(sumEn);
        }
        if (slip) {
            zh.append("（末位舍入差）");
            en.append(" (a slip in the last digit)");
        }
        List<CellRef> cells = new ArrayList<>();
        failed.forEach(c -> c.cells.stream().filter(r -> !cells.contains(r)).forEach(cells::add));
        BigDecimal headDifference = head.recomputed == null ? null
                : head.figure.value().subtract(head.recomputed);
        return new NarrativeFinding(rule.id(), severity, quote(sentence, head.figure), head.figure.printed(),
                head.recomputed == null ? null : plain(head.recomputed),
                headDifference == null ? null : plain(headDifference), List.copyOf(cells), zh.toString(), en.toString());
    }

    private CellRef ref(FigureExpression.Cell c) {
        CellRef ref = thisYearsRef(c);
        return c.lastYear() ? new CellRef(ref.table(), ref.row(), ref.col(), "上年 " + ref.label()) : ref;
    }

    private CellRef thisYearsRef(FigureExpression.Cell c) {
        Optional<TableTemplate> t = template.table(c.table());
        if (t.isEmpty()) {
            return new CellRef(c.table(), c.row(), c.col(), c.table() + " · " + c.row() + " · " + c.col());
        }
        String row = t.get().row(c.row()).map(r -> r.code() != null ? r.code() + " " + r.label() : r.label()).orElse(c.row());
        String col = t.get().columns().stream().filter(k -> k.id().equals(c.col())).findFirst()
                .map(k -> k.group() != null && !k.label().equals(k.group()) ? k.group() + " " + k.label() : k.label())
                .orElse(c.col());
        return new CellRef(c.table(), c.row(), c.col(), t.get().code() + " · " + row + " · " + col);
    }

    /** Longest sentence quoted whole; a longer one (a document without 。) is quoted around the figure. */
    static final int QUOTE_WHOLE = 300;
    private static final int QUOTE_AROUND = 120;

    /**
     * The sentence as quoted in the answer. A pasted text without full stops is one long "sentence"; quoting it whole
     * beside each of its figures would make the answer grow with the square of the text.
     */
    static String quote(String sentence, QuotedFigure f) {
        if (sentence.length() <= QUOTE_WHOLE) {
            return sentence;
        }
        int from = Math.max(0, f.start() - QUOTE_AROUND);
        int to = Math.min(sentence.length(), f.end() + QUOTE_AROUND);
        return (from > 0 ? "…" : "") + sentence.substring(from, to) + (to < sentence.length() ? "…" : "");
    }

    private static String plain(BigDecimal v) {
        return v.toPlainString();
    }
}
