package cn.finalaccounts.fiscal.narrative;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A figure as printed in a sentence of the 情况说明: "618.13万元", "97.32%", "15个". Its scale is the number of
 * decimals printed, which is what the check's tolerance follows (a figure cannot be more exact than it is printed).
 */
public record QuotedFigure(String printed, BigDecimal value, String unit, int start, int end) {

    /**
     * A number followed by a unit: amounts (万元, 万, 元), percentages, counts. A number followed by 年, 月, 日, 号
     * or a list mark is a date or a numbering, not a figure, and is not listed.
     */
    private static final Pattern FIGURE = Pattern.compile(
            "(?<![\\d.])(\\d+(?:\\.\\d+)?)(万元|万人次|万人|万|元|%|％|个|人次|人|辆|台|批|条|家|场|份|次|项|名)");
    private static final Pattern NUMBER = Pattern.compile("(\\d+(?:\\.\\d+)?)(.*)");

    /** Every figure with a unit in a sentence, in order. */
    public static List<QuotedFigure> scan(String sentence) {
        List<QuotedFigure> figures = new ArrayList<>();
        Matcher m = FIGURE.matcher(sentence);
        while (m.find()) {
            figures.add(new QuotedFigure(m.group(), new BigDecimal(m.group(1)), unitOf(m.group(2)), m.start(), m.end()));
        }
        return figures;
    }

    /** A figure a rule captured, e.g. "1.2" where the text lost its unit, or "0.3万元". */
    public static QuotedFigure of(String printed, int start) {
        Matcher m = NUMBER.matcher(printed);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a figure: " + printed);
        }
        return new QuotedFigure(printed, new BigDecimal(m.group(1)), unitOf(m.group(2)), start, start + printed.length());
    }

    private static String unitOf(String unit) {
        return "％".equals(unit) ? "%" : unit;
    }

    public boolean isPercentage() {
        return "%".equals(unit);
    }

    /** Printed in 元: compared with the tables (in 万元) after dividing by 10 000. */
    public boolean isYuan() {
        return "元".equals(unit);
    }

    /** Half a unit of the last printed digit: 97.32% stands for [97.315, 97.325). */
    public BigDecimal halfUnit() {
        return BigDecimal.ONE.movePointLeft(Math.max(0, value.scale())).divide(BigDecimal.valueOf(2));
    }

    /** One unit of the last printed digit: a difference up to this is a slip of rounding, beyond it a contradiction. */
    public BigDecimal lastDigit() {
        return BigDecimal.ONE.movePointLeft(Math.max(0, value.scale()));
    }
}
