package cn.finalaccounts.fiscal.narrative;

import java.util.List;

/** The generated 情况说明 of one report (a unit's or a 汇总's) for one year, in published section order. */
public record Narrative(String unit, int year, List<NarrativeSection> sections) {

    public Narrative {
        sections = List.copyOf(sections);
    }

    /** Plain text: headings on their own lines, then the text, the way the 情况说明 is printed. */
    public String toText() {
        StringBuilder out = new StringBuilder(year + "年度部门决算情况说明\n\n");
        for (NarrativeSection s : sections) {
            appendPlain(out, s);
        }
        return out.toString();
    }

    /** Markdown: 一、… as level-2 headings, （一）… as level-3. */
    public String toMarkdown() {
        StringBuilder out = new StringBuilder("# " + year + "年度部门决算情况说明\n\n");
        for (NarrativeSection s : sections) {
            appendMarkdown(out, s, 2);
        }
        return out.toString();
    }

    private static void appendPlain(StringBuilder out, NarrativeSection s) {
        out.append(s.heading()).append('\n');
        if (!s.text().isEmpty()) {
            out.append(s.text()).append('\n');
        }
        s.subsections().forEach(sub -> appendPlain(out, sub));
    }

    private static void appendMarkdown(StringBuilder out, NarrativeSection s, int level) {
        out.append("#".repeat(level)).append(' ').append(s.heading()).append("\n\n");
        if (!s.text().isEmpty()) {
            // Markdown joins adjacent lines; the numbered items of （三） must stay on lines of their own.
            out.append(s.text().replace("\n", "\n\n")).append("\n\n");
        }
        s.subsections().forEach(sub -> appendMarkdown(out, sub, level + 1));
    }
}
