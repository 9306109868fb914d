package cn.finalaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Requests that name an identifier of a path in a second spelling, for every path parameter of every operation of
 * a service's OpenAPI contract: each must be refused with 422 naming the parameter, whatever the operation, before
 * any lookup or scope check. The paths are percent-encoded here and must be sent as they are (RestAssured:
 * {@code urlEncodingEnabled(false)}).
 */
public final class SecondSpellings {
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");

    private SecondSpellings() {
    }

    /** One request: the operation, the parameter spelled otherwise, how, and the percent-encoded path to send. */
    public record Case(String method, String template, String parameter, String spelling, String path) {
        @Override
        public String toString() {
            return method + " " + template + " with " + parameter + " = '" + spelling + "'";
        }
    }

    /**
     * Every operation of {@code contract} with path parameters, each parameter in turn spelled otherwise while the
     * others keep their canonical {@code samples} value (one per parameter name; a name without a sample fails).
     */
    public static List<Case> of(JsonNode contract, Map<String, String> samples) {
        return of(contract, samples, (name, value) -> false);
    }

    /**
     * As {@link #of(JsonNode, Map)}, leaving out the spellings {@code canonical} accepts for the parameter: for a
     * code such as 431200, 0431200 is another code, not another spelling.
     */
    public static List<Case> of(JsonNode contract, Map<String, String> samples,
            java.util.function.BiPredicate<String, String> canonical) {
        List<Case> cases = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            String template = path.getKey();
            List<String> names = new ArrayList<>();
            Matcher m = PARAMETER.matcher(template);
            while (m.find()) {
                names.add(m.group(1));
            }
            if (names.isEmpty()) {
                continue;
            }
            for (String name : names) {
                if (!samples.containsKey(name)) {
                    throw new IllegalStateException(template + " has the path parameter {" + name
                            + "}, which has no canonical sample: add it, with its grammar");
                }
            }
            path.getValue().fieldNames().forEachRemaining(method -> {
                if (!METHODS.contains(method)) {
                    return;
                }
                for (String name : names) {
                    for (String spelling : otherSpellings(samples.get(name))) {
                        if (canonical.test(name, spelling)) {
                            continue;
                        }
                        Map<String, String> values = new LinkedHashMap<>(samples);
                        values.put(name, spelling);
                        cases.add(new Case(method.toUpperCase(Locale.ROOT), template, name, spelling,
                                expand(template, values)));
                    }
                }
            });
        }
        return cases;
    }

    /** Each path parameter's {@code pattern} as the contract declares it, by name ("" where none is declared). */
    public static Map<String, Set<String>> declaredPatterns(JsonNode contract) {
        Map<String, Set<String>> out = new java.util.TreeMap<>();
        contract.path("paths").forEach(path -> path.forEach(op -> op.path("parameters").forEach(p -> {
            if (p.path("in").asText().equals("path") && p.path("schema").path("type").asText().equals("string")
                    && !p.path("schema").has("enum")) {
                out.computeIfAbsent(p.path("name").asText(), n -> new java.util.TreeSet<>())
                        .add(p.path("schema").path("pattern").asText(""));
            }
        })));
        return out;
    }

    /**
     * The spellings an outside review found accepted or hidden: a trailing and a leading space, a zero-width space,
     * a no-break space, full width, the other letter case, a sign or a leading zero on a number, a soft hyphen.
     */
    public static List<String> otherSpellings(String canonical) {
        List<String> out = new ArrayList<>();
        out.add(canonical + " ");
        out.add(" " + canonical);
        out.add(canonical + "\u200B");
        out.add(canonical.substring(0, 1) + "\u200B" + canonical.substring(1));
        out.add(canonical + "\u00A0");
        out.add(canonical + "\u00AD");
        out.add(fullWidth(canonical));
        String upper = canonical.toUpperCase(Locale.ROOT);
        String lower = canonical.toLowerCase(Locale.ROOT);
        if (!upper.equals(lower)) {
            out.add(canonical.equals(upper) ? lower : upper);
        }
        if (canonical.matches("[0-9]+")) {
            out.add("+" + canonical);
            out.add("0" + canonical);
        }
        return out;
    }

    /** The full-width form of every printable ASCII character (Ａ for A, ２ for 2, － for -). */
    static String fullWidth(String s) {
        StringBuilder b = new StringBuilder();
        s.chars().forEach(c -> b.append(c > 0x20 && c < 0x7F ? (char) (c + 0xFEE0) : (char) c));
        return b.toString();
    }

    private static String expand(String template, Map<String, String> values) {
        Matcher m = PARAMETER.matcher(template);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(b, Matcher.quoteReplacement(encode(values.get(m.group(1)))));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Percent-encodes everything but RFC 3986's unreserved characters, as a careful client would. */
    public static String encode(String segment) {
        StringBuilder b = new StringBuilder();
        for (byte x : segment.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                b.append((char) c);
            } else {
                b.append('%').append(String.format("%02X", c));
            }
        }
        return b.toString();
    }
}
