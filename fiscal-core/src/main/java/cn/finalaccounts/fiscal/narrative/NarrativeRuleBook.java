package cn.finalaccounts.fiscal.narrative;

import cn.finalaccounts.fiscal.audit.Severity;
import cn.finalaccounts.fiscal.figures.NamedFigures;
import cn.finalaccounts.fiscal.org.UnitType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A year's narrative rules, read from {@code fiscal/{year}/narrative-rules.json} next to the audit rules. Phrases
 * use macros: {@code {A:f}} an amount captured as group f ("618.13万元", "1.2"), {@code {P:r}} a percentage. A rule
 * whose pattern or expressions do not parse stops the load, as a broken audit rule book does.
 */
public final class NarrativeRuleBook {
    private static final Pattern MACRO = Pattern.compile("\\{([AP]):(\\w+)}");
    private static final String NUMBER = "(?<![\\d.])\\d+(?:\\.\\d+)?";
    private final List<NarrativeRule> rules;

    private NarrativeRuleBook(List<NarrativeRule> rules) {
        this.rules = List.copyOf(rules);
    }

    public List<NarrativeRule> rules() {
        return rules;
    }

    public Optional<NarrativeRule> rule(String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    /** The file a year's narrative rules are read from: a rule that does not read is named with it. */
    public static final String FILE = "narrative-rules.json";

    /** Rules whose expressions name no figure ({@code #name}). */
    public static NarrativeRuleBook read(InputStream json) throws IOException {
        return read(json, null);
    }

    /**
     * Reads the rules; a figure an expression names ({@code #income_total}, last year's {@code #last.income_total})
     * is written out as the cell {@code figures} gives, so what runs and what the documentation prints is the cell.
     */
    public static NarrativeRuleBook read(InputStream json, NamedFigures figures) throws IOException {
        UnaryOperator<String> cells = figures == null ? UnaryOperator.identity() : figures::expand;
        try {
            return readRules(json, cells);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(FILE + " " + e.getMessage(), e);
        }
    }

    private static NarrativeRuleBook readRules(InputStream json, UnaryOperator<String> cells) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        List<NarrativeRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (JsonNode r : root.path("rules")) {
            String id = r.path("id").asText();
            if (!ids.add(id)) {
                throw new IllegalStateException("narrative rule " + id + " appears twice");
            }
            UnaryOperator<String> ruleCells = text -> {
                try {
                    return cells.apply(text);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("rule " + id + ": " + e.getMessage(), e);
                }
            };
            Map<String, String> named = new LinkedHashMap<>();
            r.path("figures").fields().forEachRemaining(e -> named.put(e.getKey(), ruleCells.apply(e.getValue().asText())));
            Map<String, Map<String, String>> terms = new LinkedHashMap<>();
            r.path("terms").fields().forEachRemaining(e -> {
                Map<String, String> byKey = new LinkedHashMap<>();
                if (e.getValue().isTextual()) {
                    byKey.put("", ruleCells.apply(e.getValue().asText()));
                } else {
                    e.getValue().fields().forEachRemaining(k -> byKey.put(k.getKey(), ruleCells.apply(k.getValue().asText())));
                }
                terms.put(e.getKey(), byKey);
            });
            NarrativeRule.Sum sum = null;
            if (r.has("sum")) {
                List<String> parts = new ArrayList<>();
                r.path("sum").path("parts").forEach(p -> parts.add(p.asText()));
                sum = new NarrativeRule.Sum(r.path("sum").path("whole").asText(), List.copyOf(parts));
            }
            Set<UnitType> appliesTo = new HashSet<>();
            r.path("appliesTo").forEach(t -> appliesTo.add(UnitType.fromLabel(t.asText())));
            String phrase = r.path("pattern").asText();
            Pattern pattern = Pattern.compile(expand(phrase));
            // Figures keep the order of the data: the first figure that fails heads a finding on a tie.
            NarrativeRule rule = new NarrativeRule(id, Severity.fromId(r.path("severity").asText()), phrase, pattern,
                    Collections.unmodifiableMap(named), Collections.unmodifiableMap(terms), sum, Set.copyOf(appliesTo),
                    r.path("zh").asText(), r.path("en").asText(), r.path("source").asText(),
                    "absent".equals(r.path("lastYear").asText()));
            validate(rule);
            rules.add(rule);
        }
        return new NarrativeRuleBook(rules);
    }

    /** {A:f} → an amount with its unit as group f; {P:r} → a percentage as group r. */
    static String expand(String phrase) {
        Matcher m = MACRO.matcher(phrase);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String body = m.group(1).equals("A") ? NUMBER + "(?:万元|万|元)?" : NUMBER + "[%％]";
            m.appendReplacement(out, Matcher.quoteReplacement("(?<" + m.group(2) + ">" + body + ")"));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Every figure's expression parses for every term, so a typo in the data fails the load, not a request. */
    private static void validate(NarrativeRule rule) {
        if (rule.deniesLastYear()) {
            if (!rule.figures().isEmpty()) {
                throw new IllegalStateException("narrative rule " + rule.id() + " says last year is absent and names"
                        + " figures");
            }
            return;
        }
        if (rule.figures().isEmpty()) {
            throw new IllegalStateException("narrative rule " + rule.id() + " names no figure");
        }
        for (Map.Entry<String, String> f : rule.figures().entrySet()) {
            if (!rule.pattern().pattern().contains("(?<" + f.getKey() + ">")) {
                throw new IllegalStateException("narrative rule " + rule.id() + ": no group " + f.getKey() + " in its pattern");
            }
            if (f.getValue().contains("@")) {
                for (String term : rule.terms().keySet()) {
                    FigureExpression.parse(FigureExpression.substitute(f.getValue(), g -> term, rule.terms()));
                }
            } else {
                FigureExpression.parse(f.getValue());
            }
        }
    }
}
