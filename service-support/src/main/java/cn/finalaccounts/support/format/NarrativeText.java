package cn.finalaccounts.support.format;

import cn.finalaccounts.fiscal.narrative.Narrative;
import jakarta.ws.rs.core.Response;

/**
 * The generated 情况说明 as plain text or Markdown, for the narrative GETs of both services. The media types carry
 * {@code qs=0.5} for the same reason as {@link Spreadsheet#XLSX_BELOW_JSON}: a client without preference keeps
 * getting the JSON, with its figures and cells.
 */
public final class NarrativeText {
    public static final String MARKDOWN = "text/markdown";
    public static final String PLAIN_BELOW_JSON = "text/plain;qs=0.5";
    public static final String MARKDOWN_BELOW_JSON = MARKDOWN + ";qs=0.5";

    private NarrativeText() {
    }

    public static Response plain(Narrative narrative) {
        return Response.ok(narrative.toText(), "text/plain;charset=UTF-8").build();
    }

    public static Response markdown(Narrative narrative) {
        return Response.ok(narrative.toMarkdown(), MARKDOWN + ";charset=UTF-8").build();
    }
}
