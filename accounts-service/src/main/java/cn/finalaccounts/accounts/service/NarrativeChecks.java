package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.narrative.NarrativeCheck;
import cn.finalaccounts.fiscal.narrative.NarrativeCheckResult;
import cn.finalaccounts.fiscal.narrative.NarrativeRuleBook;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.support.problem.BodyTooLargeProblem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks a published 情况说明 against a unit's stored report: reads the text (plain or {"text": …}), completes the
 * report's subtotals as the audit does, and runs fiscal-core's {@link NarrativeCheck} with the year's rules.
 */
@ApplicationScoped
public class NarrativeChecks {
    @Inject
    ReportAudit audit;

    /**
     * A 情况说明 is tens of kilobytes (the seed's is 34 KB); the limit sits well below the 2 MB of a report body so
     * that a pasted document, not a dump, is what the check reads.
     */
    @ConfigProperty(name = "fa.narrative.max-bytes", defaultValue = "262144")
    int maxBytes;

    public NarrativeCheckResult check(ReportBody stored, String text) {
        FiscalYear year = FiscalYears.current().year(stored.year()).orElseThrow();
        // The year's rules, from the files it was opened with (read and checked when the year is built).
        NarrativeRuleBook rules = year.narrativeRules();
        OrgNode unit = OrgNode.byCode(stored.unit());
        UnitType type = unit == null || unit.unitType == null ? null : UnitType.fromLabel(unit.unitType);
        // Last year as the 情况说明 is written against: the unit's own report, or its merged predecessors'.
        return new NarrativeCheck(rules, year.template()).check(text, SubtotalDeriver.complete(stored, year),
                audit.previousYear(stored.unit(), stored.year()), type);
    }

    public NarrativeCheckResult check(String storedJson, String text) {
        return check(ReportJson.read(storedJson), text);
    }

    /** The body as plain text: UTF-8, within the limit, not empty, no control characters but tab and line breaks. */
    public String plainText(InputStream body) {
        return validText(decode(read(body), "$"), "$");
    }

    /** The body as {"text": "…"}. */
    public String jsonText(InputStream body) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(read(body));
        } catch (IOException e) {
            throw new InvalidInputException("$", "the body is not JSON: send {\"text\": \"…\"} or the text itself as text/plain");
        }
        JsonNode text = root == null ? null : root.get("text");
        if (text == null || !text.isTextual()) {
            throw new InvalidInputException("text", "required: the 情况说明 as a JSON string");
        }
        return validText(text.asText(), "text");
    }

    private byte[] read(InputStream body) {
        try {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw new BodyTooLargeProblem(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String decode(byte[] bytes, String field) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(field, "not UTF-8 text: send the 情况说明 as UTF-8 plain text");
        }
    }

    private static String validText(String text, String field) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        if (text.isBlank()) {
            throw new InvalidInputException(field, "required: the 情况说明 text; it is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F) {
                throw new InvalidInputException(field, "not text: a control character (U+"
                        + String.format("%04X", (int) c) + ") at character " + i);
            }
        }
        return text;
    }
}
