package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.org.UnitType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A year's audit rules, read from {@code fiscal/{year}/audit-rules.json}: the rules are data, and this listing is
 * also what {@code GET /api/v1/rules/{year}} and docs/audit-rules.md show. A formula that does not parse stops
 * the load, so a broken rule book never reaches a running service.
 */
public final class RuleBook {
    private final List<AuditRule> rules;
    private final List<InputCheck> inputChecks;

    /** A rule enforced when a report is received (a refused report is a 4xx, never a finding). */
    public record InputCheck(String id, String messageZh, String messageEn, String source) {
    }

    private RuleBook(List<AuditRule> rules, List<InputCheck> inputChecks) {
        this.rules = List.copyOf(rules);
        this.inputChecks = List.copyOf(inputChecks);
    }

    public List<AuditRule> rules() {
        return rules;
    }

    public List<InputCheck> inputChecks() {
        return inputChecks;
    }

    public Optional<AuditRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The file a year's rule book is read from: a rule that does not read is named with it. */
    public static final String FILE = "audit-rules.json";

    /** A rule book whose formulas name no figure ({@code #name}); the year's files are read with its figures. */
    public static RuleBook read(InputStream json) throws IOException {
        return read(json, null);
    }

    /** The year's rule book: a figure a formula names ({@code #income_total}) is the cell {@code figures} gives. */
    public static RuleBook read(InputStream json, NamedFigures figures) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<AuditRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText();
            if (!ids.add(id)) {
                throw new IllegalStateException("rule " + id + " appears twice");
            }
            List<Formula> formulas = new ArrayList<>();
            for (JsonNode f : r.path("formulas")) {
                try {
                    formulas.add(FormulaParser.parse(figures == null ? f.asText() : figures.expand(f.asText())));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(FILE + " rule " + id + ": " + e.getMessage(), e);
                }
            }
            Set<UnitType> appliesTo = new HashSet<>();
            r.path("appliesTo").forEach(t -> appliesTo.add(UnitType.fromLabel(t.asText())));
            rules.add(new AuditRule(id, Severity.fromId(r.path("severity").asText()),
                    Tolerance.parse(r.path("tolerance").asText("exact")), List.copyOf(formulas), Set.copyOf(appliesTo),
                    r.path("zh").asText(), r.path("en").asText(), r.path("source").asText()));
        }
        List<InputCheck> checks = new ArrayList<>();
        for (JsonNode c : root.path("inputChecks")) {
            checks.add(new InputCheck(c.path("id").asText(), c.path("zh").asText(), c.path("en").asText(),
                    c.path("source").asText()));
        }
        return new RuleBook(rules, checks);
    }
}
