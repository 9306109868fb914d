package cn.finalaccounts.fiscal.narrative;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** Text being written, with a {@link NarrativeFigure} recorded for every number put into it. */
final class Prose {
    private final StringBuilder text = new StringBuilder();
    private final List<NarrativeFigure> figures = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();

    Prose say(String words) {
        text.append(words);
        return this;
    }

    /** An amount in 万元, printed with the two decimals of the tables. */
    Prose amount(BigDecimal wanYuan, List<SourceCell> cells) {
        return figure(wanYuan.setScale(2, RoundingMode.HALF_UP).toPlainString() + "万元", wanYuan, cells);
    }

    /** A percentage already rounded to two decimals. */
    Prose percent(BigDecimal percent, List<SourceCell> cells) {
        return figure(percent.toPlainString() + "%", percent, cells);
    }

    /** A place the tables cannot fill: marked, never invented. */
    Prose gap(String what) {
        gaps.add(what);
        text.append("【待补：").append(what).append("】");
        return this;
    }

    private Prose figure(String printed, BigDecimal value, List<SourceCell> cells) {
        text.append(printed);
        figures.add(new NarrativeFigure(printed, value, cells));
        return this;
    }

    NarrativeSection section(String heading) {
        return section(heading, List.of());
    }

    NarrativeSection section(String heading, List<NarrativeSection> subsections) {
        return new NarrativeSection(heading, text.toString(), figures, gaps, subsections);
    }
}
