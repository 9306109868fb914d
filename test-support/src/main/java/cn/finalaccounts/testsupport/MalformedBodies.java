package cn.finalaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Generates request bodies that every write endpoint must refuse with a 4xx problem+json and store nothing for:
 * a valid body of the endpoint, broken in one way that no service may accept — a field of the wrong JSON type, a
 * required field missing or null, a string that is too long or not valid Unicode, an amount that is not a plain
 * decimal of at most two places, negative or above the ceiling, a key sent twice, the JSON cut short, followed by
 * garbage, nested too deep, or not an object at all.
 *
 * <p>Built with jqwik's {@link Arbitraries}; the tests draw from them with a fixed seed inside an ordinary
 * {@code @QuarkusTest} method (jqwik's own engine is not used to run tests: Quarkus' test extension runs under the
 * Jupiter engine), so a failure names the seed and the body and can be replayed.
 */
public final class MalformedBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Markers replaced in the serialised text: Jackson will not write a lone surrogate or a duplicate key. */
    private static final String LONE = "@@LONE-SURROGATE@@";
    private static final String DUP = "@@DUP@@";

    /** What a field holds, which decides how it can be broken for certain. */
    public enum Kind {
        /** A required string; blank, null, absent, too long or of another type is refused. */
        TEXT,
        /** An optional string with a length limit (or a closed set of values): only too long or the wrong type. */
        OPTIONAL_TEXT,
        /** A required amount string ≥ 0. */
        AMOUNT,
        /** A required whole number (a year). */
        INTEGER,
        /** A required array. */
        ARRAY,
        /** An optional boolean. */
        OPTIONAL_BOOLEAN
    }

    /** A field of the valid body by JSON pointer ({@code /tables/0/cells/0/amount}), its kind and length limit. */
    public record Field(String pointer, Kind kind, int maxLength) {
        public static Field of(String pointer, Kind kind) {
            return new Field(pointer, kind, 0);
        }

        public static Field of(String pointer, Kind kind, int maxLength) {
            return new Field(pointer, kind, maxLength);
        }
    }

    /** One write endpoint: method, path, a body it accepts and the fields of that body. */
    public record Endpoint(String name, String method, String path, String validBody, List<Field> fields) {
    }

    /** A body to send and what was broken in it. */
    public record Malformed(Endpoint endpoint, String mutation, String body) {
    }

    private MalformedBodies() {
    }

    /** Malformed bodies for the endpoints, each endpoint equally likely. */
    public static Arbitrary<Malformed> of(List<Endpoint> endpoints) {
        return Arbitraries.of(endpoints).flatMap(MalformedBodies::of);
    }

    public static Arbitrary<Malformed> of(Endpoint e) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(e.fields()).flatMap(f -> broken(e, f))),
                net.jqwik.api.Tuple.of(1, duplicateKey(e)),
                net.jqwik.api.Tuple.of(2, structural(e)));
    }

    /**
     * Draws {@code count} bodies from a fixed seed. Outside a jqwik property only sampling is allowed, and sampling
     * draws from the thread's source of randomness, which seeding (jqwik-engine's SourceOfRandomness, the one way
     * to seed a sample) makes reproducible.
     */
    public static List<Malformed> draw(Arbitrary<Malformed> bodies, int count, long seed) {
        net.jqwik.engine.SourceOfRandomness.create(Long.toString(seed));
        return bodies.sampleStream().limit(count).toList();
    }

    private static Arbitrary<Malformed> broken(Endpoint e, Field f) {
        List<Arbitrary<Malformed>> ways = new ArrayList<>();
        ways.add(wrongType(f).map(v -> replaced(e, f, v, "wrong type")));
        ways.add(loneSurrogateText().map(s -> replaced(e, f, s, "lone surrogate")));
        switch (f.kind()) {
            case TEXT -> {
                ways.add(Arbitraries.of("", "   ").map(s -> replaced(e, f, s, "blank")));
                ways.add(Arbitraries.just(removed(e, f)));
                ways.add(Arbitraries.just(replaced(e, f, null, "null")));
                if (f.maxLength() > 0) {
                    ways.add(tooLong(f).map(s -> replaced(e, f, s, "too long")));
                }
            }
            case OPTIONAL_TEXT -> ways.add(tooLong(f).map(s -> replaced(e, f, s, "too long")));
            case AMOUNT -> {
                ways.add(badAmount().map(s -> replaced(e, f, s, "bad amount")));
                ways.add(Arbitraries.just(removed(e, f)));
                ways.add(Arbitraries.just(replaced(e, f, null, "null")));
            }
            case INTEGER -> ways.add(Arbitraries.of("2023", "2023.0", "").map(s -> replaced(e, f, s, "integer as string")));
            case ARRAY -> ways.add(Arbitraries.just(removed(e, f)));
            case OPTIONAL_BOOLEAN -> ways.add(Arbitraries.of("true", "yes", "1").map(s -> replaced(e, f, s, "boolean as string")));
        }
        return Arbitraries.oneOf(ways);
    }

    /** A JSON value of a type the field does not take. */
    private static Arbitrary<JsonNode> wrongType(Field f) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        List<Arbitrary<JsonNode>> values = new ArrayList<>();
        // 2023 is the one whole number a year field takes.
        values.add(Arbitraries.integers().filter(i -> i != 2023).map(i -> (JsonNode) n.numberNode(i)));
        values.add(Arbitraries.doubles().between(-1e20, 1e20).map(d -> (JsonNode) n.numberNode(d)));
        values.add(Arbitraries.just(n.objectNode().put("value", "1.00")));
        if (f.kind() != Kind.OPTIONAL_BOOLEAN) {
            values.add(Arbitraries.of(true, false).map(b -> (JsonNode) n.booleanNode(b)));
        }
        if (f.kind() != Kind.ARRAY) {
            values.add(Arbitraries.just(n.arrayNode().add("1.00")));
        } else {
            values.add(Arbitraries.strings().ofMaxLength(5).map(s -> (JsonNode) n.textNode(s)));
        }
        if (f.kind() == Kind.INTEGER) {
            // A whole number that is no fiscal year with a template, or not a whole number at all.
            values.add(Arbitraries.of(0, -1, 1999, 99999, Integer.MAX_VALUE).map(i -> (JsonNode) n.numberNode(i)));
        }
        return Arbitraries.oneOf(values);
    }

    private static Arbitrary<String> loneSurrogateText() {
        return Arbitraries.strings().alpha().ofMaxLength(8).map(s -> s + LONE + s);
    }

    private static Arbitrary<String> tooLong(Field f) {
        int max = f.maxLength() > 0 ? f.maxLength() : 64;
        return Arbitraries.integers().between(max + 1, max + 40).map(len -> "长".repeat(len));
    }

    /** Strings that are not an amount the API takes: not plain decimals, more than two places, negative, too large. */
    private static Arbitrary<String> badAmount() {
        return Arbitraries.oneOf(
                Arbitraries.of("", " ", "abc", "1e3", "1E+3", "NaN", "Infinity", "1.", ".5", "+1", "--1", "1,000.00",
                        "0x10", "１２", "1 000", "12.345", "1.000", "-0.01", "-1.00", "10000000000.00",
                        "99999999999999999999", "999999999999999.99"),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("0.001"), new java.math.BigDecimal("1000"))
                        .ofScale(3).filter(b -> b.stripTrailingZeros().scale() > 2).map(b -> b.toPlainString()),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("-1e12"), new java.math.BigDecimal("-0.01"))
                        .ofScale(2).map(b -> b.toPlainString()),
                Arbitraries.bigDecimals().between(new java.math.BigDecimal("10000000000.00"), new java.math.BigDecimal("1e15"))
                        .ofScale(2).map(b -> b.toPlainString()));
    }

    private static Arbitrary<Malformed> duplicateKey(Endpoint e) {
        return Arbitraries.of(e.fields()).map(f -> {
            ObjectNode root = (ObjectNode) tree(e);
            String parentPointer = f.pointer().substring(0, f.pointer().lastIndexOf('/'));
            String key = f.pointer().substring(f.pointer().lastIndexOf('/') + 1);
            JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
            ObjectNode object = (ObjectNode) parent;
            object.set(DUP + key, object.get(key) == null ? JsonNodeFactory.instance.nullNode() : object.get(key).deepCopy());
            return new Malformed(e, "duplicate key " + f.pointer(), text(root));
        });
    }

    private static Arbitrary<Malformed> structural(Endpoint e) {
        String valid = e.validBody().strip();
        return Arbitraries.oneOf(
                Arbitraries.integers().between(1, valid.length() - 1)
                        .map(n -> new Malformed(e, "cut at " + n, valid.substring(0, n))),
                Arbitraries.of(" x", " {}", "}", ",", " []", " null", " \"tail\"")
                        .map(tail -> new Malformed(e, "trailing " + tail.strip(), valid + tail)),
                Arbitraries.of("[]", "[" + valid + "]", "\"text\"", "42", "true", "null", "{}x", "<report/>", "\u0000",
                        "{\"a\": 1,}", "{'unit': 'x'}", "{\"unit\" \"x\"}")
                        .map(body -> new Malformed(e, "not an object of the shape", body)),
                Arbitraries.integers().between(1_100, 3_000)
                        .map(depth -> new Malformed(e, "nested " + depth + " deep",
                                valid.substring(0, valid.length() - 1) + ", \"deep\": " + "[".repeat(depth)
                                        + "]".repeat(depth) + "}")));
    }

    private static Malformed replaced(Endpoint e, Field f, Object value, String what) {
        JsonNode root = tree(e);
        String parentPointer = f.pointer().substring(0, f.pointer().lastIndexOf('/'));
        String key = f.pointer().substring(f.pointer().lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        JsonNode node = value == null ? JsonNodeFactory.instance.nullNode()
                : value instanceof JsonNode j ? j : JsonNodeFactory.instance.textNode((String) value);
        if (parent instanceof ObjectNode o) {
            o.set(key, node);
        } else if (parent instanceof ArrayNode a) {
            a.set(Integer.parseInt(key), node);
        }
        return new Malformed(e, what + " at " + f.pointer(), text(root));
    }

    private static Malformed removed(Endpoint e, Field f) {
        JsonNode root = tree(e);
        String parentPointer = f.pointer().substring(0, f.pointer().lastIndexOf('/'));
        String key = f.pointer().substring(f.pointer().lastIndexOf('/') + 1);
        JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
        ((ObjectNode) parent).remove(key);
        return new Malformed(e, "missing " + f.pointer(), text(root));
    }

    private static JsonNode tree(Endpoint e) {
        try {
            return JSON.readTree(e.validBody());
        } catch (Exception x) {
            throw new IllegalArgumentException("the valid body of " + e.name() + " is not JSON", x);
        }
    }

    private static String text(JsonNode root) {
        try {
            return JSON.writeValueAsString(root).replace(LONE, "\\ud800").replace("\"" + DUP, "\"");
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }
}
