package cn.finalaccounts.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Generates request bodies that every write endpoint must refuse with a 4xx problem+json and store nothing for:
 * a valid body of the endpoint, broken in one way that no service may accept — a field of the wrong JSON type, a
 * required field missing or null, a string that is too long or not valid Unicode, an amount that is not a plain
 * decimal of at most two places, negative or above the ceiling, a key sent twice, the JSON cut short, followed by
 * garbage, nested too deep, or not an object at all.
 *
 * <p>The bodies come from small generators ({@link Gen}) drawn with a fixed seed inside an ordinary
 * {@code @QuarkusTest} method, so a failure names the seed and the body and can be replayed. (jqwik would fit, but
 * its maintainer asks that AI agents, which write much of this project, not use it, and its engine's notice on
 * standard output broke Surefire's channel to the forked test JVM.)
 */
public final class MalformedBodies {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Markers replaced in the serialised text: Jackson will not write a lone surrogate or a duplicate key. */
    private static final String LONE = "@@LONE-SURROGATE@@";
    private static final String DUP = "@@DUP@@";
    private static final String LOW = "@@LOW-SURROGATE@@";

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

    /** A generator of values: one draw from the given source of randomness. */
    @FunctionalInterface
    public interface Gen<T> {
        T next(SplittableRandom random);

        default <R> Gen<R> map(java.util.function.Function<T, R> f) {
            return r -> f.apply(next(r));
        }

        default <R> Gen<R> flatMap(java.util.function.Function<T, Gen<R>> f) {
            return r -> f.apply(next(r)).next(r);
        }
    }

    @SafeVarargs
    private static <T> Gen<T> anyOf(T... values) {
        return r -> values[r.nextInt(values.length)];
    }

    private static <T> Gen<T> anyOf(List<T> values) {
        return r -> values.get(r.nextInt(values.size()));
    }

    private static <T> Gen<T> just(T value) {
        return r -> value;
    }

    /** One of the generators, each equally likely. */
    private static <T> Gen<T> oneOf(List<Gen<T>> gens) {
        return r -> gens.get(r.nextInt(gens.size())).next(r);
    }

    /** One of the generators, weighted. */
    private static <T> Gen<T> weighted(int w1, Gen<T> g1, int w2, Gen<T> g2, int w3, Gen<T> g3) {
        return r -> {
            int pick = r.nextInt(w1 + w2 + w3);
            return pick < w1 ? g1.next(r) : pick < w1 + w2 ? g2.next(r) : g3.next(r);
        };
    }

    private static Gen<Integer> between(int min, int max) {
        return r -> r.nextInt(min, max + 1);
    }

    /** A decimal in [min, max) with the given scale, written plainly. */
    private static Gen<String> decimal(String min, String max, int scale) {
        BigDecimal lo = new BigDecimal(min);
        BigDecimal span = new BigDecimal(max).subtract(lo);
        return r -> lo.add(span.multiply(BigDecimal.valueOf(r.nextDouble())))
                .setScale(scale, java.math.RoundingMode.DOWN).toPlainString();
    }

    /** Letters, digits, punctuation, CJK and control characters: text of any kind, up to maxLength. */
    private static Gen<String> anyText(int maxLength) {
        return r -> IntStream.range(0, r.nextInt(maxLength + 1)).map(i -> switch (r.nextInt(4)) {
            case 0 -> r.nextInt(0x20, 0x7f);
            case 1 -> r.nextInt(0x4e00, 0x9fa6);
            case 2 -> r.nextInt(0, 0x20);
            default -> r.nextInt(0xa0, 0x2000);
        }).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    private static Gen<String> letters(int maxLength) {
        return r -> IntStream.range(0, r.nextInt(maxLength + 1)).map(i -> 'a' + r.nextInt(26))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Malformed bodies for the endpoints, each endpoint equally likely. */
    public static Gen<Malformed> of(List<Endpoint> endpoints) {
        return anyOf(endpoints).flatMap(MalformedBodies::of);
    }

    public static Gen<Malformed> of(Endpoint e) {
        return weighted(
                6, anyOf(e.fields()).flatMap(f -> broken(e, f)),
                1, duplicateKey(e),
                2, structural(e));
    }

    /** Draws {@code count} bodies from a fixed seed: the same seed, the same bodies. */
    public static List<Malformed> draw(Gen<Malformed> bodies, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, count).mapToObj(i -> bodies.next(random)).toList();
    }

    /**
     * Issue 20's classes of hostile text, each refused in any text field of any endpoint: a control character (C0 but
     * tab, LF and CR; DEL; C1), a noncharacter, a private-use character or a lone surrogate, placed anywhere in
     * ordinary text of any length (up to 3,000 characters), sometimes with an unknown extra field of hostile text
     * beside it; in a required name or label also text of only spaces, format characters (U+200B, U+200E, U+FEFF,
     * U+2066…) or combining marks; in an amount digits that are not ASCII (full-width, Arabic-Indic, mathematical) or
     * figures with invisible characters inside.
     */
    public static Gen<Malformed> hostileText(List<Endpoint> endpoints) {
        return anyOf(endpoints).flatMap(MalformedBodies::hostileText);
    }

    public static Gen<Malformed> hostileText(Endpoint e) {
        List<Field> texts = e.fields().stream().filter(f -> f.kind() == Kind.TEXT || f.kind() == Kind.OPTIONAL_TEXT).toList();
        List<Field> amounts = e.fields().stream().filter(f -> f.kind() == Kind.AMOUNT).toList();
        List<Gen<Malformed>> ways = new ArrayList<>();
        if (!texts.isEmpty()) {
            ways.add(anyOf(texts).flatMap(f -> forbiddenText().map(t -> replaced(e, f, t.value(), t.what()))));
            ways.add(anyOf(texts).flatMap(f -> forbiddenText().flatMap(t -> forbiddenText().map(extra ->
                    withExtra(replaced(e, f, t.value(), t.what()), extra)))));
        }
        List<Field> required = texts.stream().filter(f -> f.kind() == Kind.TEXT).toList();
        if (!required.isEmpty()) {
            ways.add(anyOf(required).flatMap(f -> invisibleOnly().map(s -> replaced(e, f, s, "invisible only"))));
        }
        if (!amounts.isEmpty()) {
            ways.add(anyOf(amounts).flatMap(f -> foreignDigits().map(s -> replaced(e, f, s, "digits not ASCII"))));
        }
        return oneOf(ways);
    }

    private record Text(String value, String what) {
    }

    /** Ordinary text with one character of a refused class placed in it. */
    private static Gen<Text> forbiddenText() {
        Gen<Integer> control = oneOf(List.of(anyOf(IntStream.range(0, 0x20).filter(c -> c != 9 && c != 10 && c != 13)
                .boxed().toList()), just(0x7f), between(0x80, 0x9f)));
        Gen<Integer> noncharacter = oneOf(List.of(between(0xfdd0, 0xfdef),
                between(0, 16).flatMap(plane -> anyOf((plane << 16) | 0xfffe, (plane << 16) | 0xffff))));
        Gen<Integer> privateUse = oneOf(List.of(between(0xe000, 0xf8ff), between(0xf0000, 0xffffd),
                between(0x100000, 0x10fffd)));
        Gen<String> plain = weighted(8, anyVisibleText(40), 1, anyVisibleText(3_000), 1, just(""));
        return r -> {
            String before = plain.next(r);
            String after = plain.next(r);
            return switch (r.nextInt(5)) {
                case 0 -> new Text(before + new String(Character.toChars(control.next(r))) + after, "control character");
                case 1 -> new Text(before + new String(Character.toChars(noncharacter.next(r))) + after, "noncharacter");
                case 2 -> new Text(before + new String(Character.toChars(privateUse.next(r))) + after, "private use");
                case 3 -> new Text(before + LONE + after, "lone high surrogate");
                default -> new Text(before + LOW + after, "lone low surrogate");
            };
        };
    }

    /** Letters, CJK, full-width forms, emoji and joiners: text that is fine by itself. */
    private static Gen<String> anyVisibleText(int maxLength) {
        return r -> IntStream.range(0, r.nextInt(maxLength + 1)).map(i -> switch (r.nextInt(5)) {
            case 0 -> r.nextInt(0x21, 0x7f);
            case 1 -> r.nextInt(0x4e00, 0x9fa6);
            case 2 -> r.nextInt(0xff01, 0xff5f);
            case 3 -> r.nextInt(0x1f300, 0x1f5ff);
            default -> r.nextInt(0x20000, 0x2a6d0);
        }).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Only spaces, format characters and combining marks: nothing a reader could see. */
    private static Gen<String> invisibleOnly() {
        int[] invisible = {0x20, 0xa0, 0x3000, 0x2000, 0x2003, 0x200a, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f, 0x202a,
            0x202e, 0x2060, 0x2061, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xfeff, 0xad, 0x180e, 0x034f, 0x0300, 0x0301,
            0x20dd, 0xfe0f, 0xe0001, 0xe0020};
        return r -> IntStream.range(0, 1 + r.nextInt(8)).map(i -> invisible[r.nextInt(invisible.length)])
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /** Figures a person might paste that are not the plain ASCII decimals an amount is. */
    private static Gen<String> foreignDigits() {
        return oneOf(List.of(
                anyOf("１２.００", "١٢.٠٠", "۱۲.۰۰", "१२.००", "𝟏𝟐.𝟎𝟎", "¹²", "12\u00a0000.00", "1\u200b2.00", "12.00\u200e",
                        "\ufeff12.00", "12．00", "12.00\u0000", "\u202e00.21", "1\u0301 2.00", "Ⅻ"),
                between(0, 999_999).map(n -> Integer.toString(n).chars().map(c -> c - '0' + 0xff10)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append) + ".00")));
    }

    /** The body with an unknown field holding hostile text beside what it breaks. */
    private static Malformed withExtra(Malformed m, Text extra) {
        String body = m.body().strip();
        String value;
        try {
            value = JSON.writeValueAsString(extra.value()).replace(LONE, "\\ud800").replace(LOW, "\\udc00");
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
        return new Malformed(m.endpoint(), m.mutation() + ", unknown field of " + extra.what(),
                body.substring(0, body.length() - 1) + ", \"extraField\": " + value + "}");
    }

    private static Gen<Malformed> broken(Endpoint e, Field f) {
        List<Gen<Malformed>> ways = new ArrayList<>();
        ways.add(wrongType(f).map(v -> replaced(e, f, v, "wrong type")));
        ways.add(loneSurrogateText().map(s -> replaced(e, f, s, "lone surrogate")));
        switch (f.kind()) {
            case TEXT -> {
                ways.add(anyOf("", "   ").map(s -> replaced(e, f, s, "blank")));
                ways.add(r -> removed(e, f));
                ways.add(r -> replaced(e, f, null, "null"));
                if (f.maxLength() > 0) {
                    ways.add(tooLong(f).map(s -> replaced(e, f, s, "too long")));
                }
            }
            case OPTIONAL_TEXT -> ways.add(tooLong(f).map(s -> replaced(e, f, s, "too long")));
            case AMOUNT -> {
                ways.add(badAmount().map(s -> replaced(e, f, s, "bad amount")));
                ways.add(r -> removed(e, f));
                ways.add(r -> replaced(e, f, null, "null"));
            }
            case INTEGER -> ways.add(anyOf("2023", "2023.0", "").map(s -> replaced(e, f, s, "integer as string")));
            case ARRAY -> ways.add(r -> removed(e, f));
            case OPTIONAL_BOOLEAN -> ways.add(anyOf("true", "yes", "1").map(s -> replaced(e, f, s, "boolean as string")));
        }
        return oneOf(ways);
    }

    /** A JSON value of a type the field does not take. */
    private static Gen<JsonNode> wrongType(Field f) {
        JsonNodeFactory n = JsonNodeFactory.instance;
        List<Gen<JsonNode>> values = new ArrayList<>();
        // 2023 is the one whole number a year field takes.
        values.add(r -> {
            int i = r.nextInt();
            return n.numberNode(i == 2023 ? 2024 : i);
        });
        values.add(r -> n.numberNode(r.nextDouble(-1e20, 1e20)));
        values.add(r -> n.objectNode().put("value", "1.00"));
        if (f.kind() != Kind.OPTIONAL_BOOLEAN) {
            values.add(r -> n.booleanNode(r.nextBoolean()));
        }
        if (f.kind() != Kind.ARRAY) {
            values.add(r -> n.arrayNode().add("1.00"));
        } else {
            values.add(anyText(5).map(n::textNode));
        }
        if (f.kind() == Kind.INTEGER) {
            // A whole number that is no fiscal year with a template, or not a whole number at all.
            values.add(anyOf(0, -1, 1999, 99999, Integer.MAX_VALUE).map(i -> (JsonNode) n.numberNode(i)));
        }
        return oneOf(values);
    }

    private static Gen<String> loneSurrogateText() {
        return letters(8).map(s -> s + LONE + s);
    }

    private static Gen<String> tooLong(Field f) {
        int max = f.maxLength() > 0 ? f.maxLength() : 64;
        return between(max + 1, max + 40).map(len -> "长".repeat(len));
    }

    /** Strings that are not an amount the API takes: not plain decimals, more than two places, negative, too large. */
    private static Gen<String> badAmount() {
        return oneOf(List.of(
                anyOf("", " ", "abc", "1e3", "1E+3", "NaN", "Infinity", "1.", ".5", "+1", "--1", "1,000.00",
                        "0x10", "１２", "1 000", "12.345", "1.000", "-0.01", "-1.00", "10000000000.00",
                        "99999999999999999999", "999999999999999.99"),
                // three places, the third not zero
                decimal("0.001", "1000", 3).map(d -> d.endsWith("0") ? d.substring(0, d.length() - 1) + "7" : d),
                decimal("-1000000000000", "-0.01", 2),
                decimal("10000000000.00", "1000000000000000", 2)));
    }

    private static Gen<Malformed> duplicateKey(Endpoint e) {
        return anyOf(e.fields()).map(f -> {
            ObjectNode root = (ObjectNode) tree(e);
            String parentPointer = f.pointer().substring(0, f.pointer().lastIndexOf('/'));
            String key = f.pointer().substring(f.pointer().lastIndexOf('/') + 1);
            JsonNode parent = parentPointer.isEmpty() ? root : root.at(parentPointer);
            ObjectNode object = (ObjectNode) parent;
            object.set(DUP + key, object.get(key) == null ? JsonNodeFactory.instance.nullNode() : object.get(key).deepCopy());
            return new Malformed(e, "duplicate key " + f.pointer(), text(root));
        });
    }

    private static Gen<Malformed> structural(Endpoint e) {
        String valid = e.validBody().strip();
        return oneOf(List.of(
                between(1, valid.length() - 1).map(n -> new Malformed(e, "cut at " + n, valid.substring(0, n))),
                anyOf(" x", " {}", "}", ",", " []", " null", " \"tail\"")
                        .map(tail -> new Malformed(e, "trailing " + tail.strip(), valid + tail)),
                anyOf("[]", "[" + valid + "]", "\"text\"", "42", "true", "null", "{}x", "<report/>", "\u0000",
                        "{\"a\": 1,}", "{'unit': 'x'}", "{\"unit\" \"x\"}")
                        .map(body -> new Malformed(e, "not an object of the shape", body)),
                between(1_100, 3_000).map(depth -> new Malformed(e, "nested " + depth + " deep",
                        valid.substring(0, valid.length() - 1) + ", \"deep\": " + "[".repeat(depth)
                                + "]".repeat(depth) + "}"))));
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
            return JSON.writeValueAsString(root).replace(LONE, "\\ud800").replace(LOW, "\\udc00")
                    .replace("\"" + DUP, "\"");
        } catch (Exception x) {
            throw new IllegalStateException(x);
        }
    }
}
