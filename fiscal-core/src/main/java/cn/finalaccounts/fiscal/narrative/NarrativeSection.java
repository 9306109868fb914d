package cn.finalaccounts.fiscal.narrative;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One numbered section (or sub-section) of the 情况说明: its heading as published, its text and the figures quoted
 * in the text. {@code gaps} names what the tables cannot say and a person must write (职责, reasons, 绩效): the
 * text carries a 【待补：…】 marker at each such place instead of invented words.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record NarrativeSection(String heading, String text, List<NarrativeFigure> figures, List<String> gaps,
        List<NarrativeSection> subsections) {

    public NarrativeSection {
        figures = List.copyOf(figures);
        gaps = List.copyOf(gaps);
        subsections = List.copyOf(subsections);
    }
}
