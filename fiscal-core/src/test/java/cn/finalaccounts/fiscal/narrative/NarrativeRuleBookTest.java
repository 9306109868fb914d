package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A broken narrative rule stops the load, as a broken audit rule does: it never reaches a request. */
class NarrativeRuleBookTest {

    static NarrativeRuleBook read(String rules) throws IOException {
        return NarrativeRuleBook.read(new ByteArrayInputStream(("{\"rules\": [" + rules + "]}").getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theBundledRulesLoad() {
        NarrativeRuleBook book = FiscalYears.current().year(2023).orElseThrow().narrativeRules();
        assertEquals(38, book.rules().size());
        assertTrue(book.rule("NC20").orElseThrow().appliesTo().size() == 2);
        assertEquals(List.of("NY01A", "NY01B", "NY02A", "NY02B", "NY03A", "NY03B", "NY04A", "NY04B", "NY05A", "NY05B",
                "NY06A", "NY06B", "NY07A", "NY07B", "NY08A", "NY08B"), book.rules().stream()
                .filter(NarrativeRule::readsLastYear).map(NarrativeRule::id).toList());
        assertTrue(book.rule("NY00").orElseThrow().deniesLastYear());
    }

    @Test
    void anExpressionThatDoesNotParseStopsTheLoad() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(
                "{\"id\": \"X\", \"severity\": \"error\", \"pattern\": \"收入合计{A:f}\", \"figures\": {\"f\": \"T01.income_total.1 +\"}}"));
        assertTrue(e.getMessage().contains("ends too early"), e.getMessage());
    }

    @Test
    void aFigureWithoutItsGroupStopsTheLoad() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> read(
                "{\"id\": \"X\", \"severity\": \"error\", \"pattern\": \"收入合计{A:f}\", \"figures\": {\"g\": \"T01.income_total.1\"}}"));
        assertTrue(e.getMessage().contains("no group g"), e.getMessage());
    }

    @Test
    void aTermWhoseExpressionDoesNotParseStopsTheLoad() {
        assertThrows(IllegalArgumentException.class, () -> read(
                "{\"id\": \"X\", \"severity\": \"error\", \"pattern\": \"(?<item>事业收入){A:f}\", \"figures\": {\"f\": \"@item\"},"
                        + " \"terms\": {\"事业收入\": \"T01..1\"}}"));
    }

    @Test
    void anIdTwiceStopsTheLoad() {
        String rule = "{\"id\": \"X\", \"severity\": \"error\", \"pattern\": \"收入合计{A:f}\", \"figures\": {\"f\": \"T01.income_total.1\"}}";
        assertThrows(IllegalStateException.class, () -> read(rule + "," + rule));
    }
}
