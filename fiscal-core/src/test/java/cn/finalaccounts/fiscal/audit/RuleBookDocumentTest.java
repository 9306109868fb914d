package cn.finalaccounts.fiscal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.narrative.NarrativeRuleDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/audit-rules.md is the rule data (audit, then narrative check), written out: it may not drift from what runs. */
class RuleBookDocumentTest {
    private static final Path DOC = Path.of("../docs/audit-rules.md");

    @Test
    void theDocumentListsExactlyTheRulesTheEngineRuns() throws IOException {
        String generated = RuleBookDocument.markdown(FiscalYears.current().available().stream()
                .map(y -> FiscalYears.current().year(y).orElseThrow()).toList())
                + NarrativeRuleDocument.markdown(FiscalYears.current().available().stream().collect(
                        java.util.stream.Collectors.toMap(y -> y, y -> FiscalYears.current().year(y).orElseThrow()
                                .narrativeRules(), (a, b) -> a, java.util.TreeMap::new)));
        if (Boolean.getBoolean("regenerate-docs")) {
            Files.writeString(DOC, generated);
        }
        assertEquals(generated, Files.readString(DOC),
                "docs/audit-rules.md is out of date: run ./mvnw -pl fiscal-core test -Dtest=RuleBookDocumentTest"
                        + " -Dregenerate-docs=true");
        for (AuditRule rule : FiscalYears.current().year(2023).orElseThrow().rules().rules()) {
            assertEquals(true, Files.readString(DOC).contains("| " + rule.id() + " |"), rule.id());
        }
    }
}
