package cn.finalaccounts.testsupport;

import cn.finalaccounts.testsupport.FuzzRun.Hostile;
import cn.finalaccounts.testsupport.MalformedBodies.Endpoint;
import cn.finalaccounts.testsupport.MalformedBodies.Gen;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;

/**
 * Issue 20's hostile requests beyond the body: headers that say what the body is or what answer is wanted
 * (Content-Type, Accept, Content-Encoding), and identifiers in the path. Drawn from a fixed seed like
 * {@link MalformedBodies}.
 */
public final class HostileRequests {
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private HostileRequests() {
    }

    public static List<Hostile> draw(Gen<Hostile> requests, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        return IntStream.range(0, count).mapToObj(i -> requests.next(random)).toList();
    }

    private static <T> T pick(SplittableRandom r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    /** Random printable ASCII, none of it a '/' so that it is no media type. */
    private static String garbage(SplittableRandom r) {
        return IntStream.range(0, r.nextInt(1, 30)).map(i -> {
            int c = r.nextInt(0x20, 0x7f);
            return c == '/' ? ';' : c;
        }).collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
    }

    private static final List<String> NOT_MEDIA_TYPES = List.of(";;;", "x", "application/json; charset=", "application/",
            "/json", "application/json; charset=\"utf-8", "application/json;;=", "application json", "*/*", "application/*",
            "application/json; =utf-8", "application/json; charset", "application/json, text/plain", "json",
            "application//json", "application/json; charset=utf-8; charset", "text/plain; q=", "\"application/json\"",
            "application/json ;charset=\"\\", "@/@", "application/j son");
    private static final List<String> NOT_UTF8 = List.of("GBK", "gb2312", "GB18030", "x-nonsense", "ISO-8859-1",
            "utf-16", "UTF-16LE", "utf-32", "big5", "us-ascii", "\"gbk\"", "windows-1252", "utf-7");
    private static final List<String> NOT_TAKEN = List.of("text/xml", "application/xml", "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=x", "application/octet-stream", "application/yaml", "image/png",
            "application/merge-patch+json", "application/problem+json", "text/html");
    private static final List<String> CODINGS = List.of("gzip", "deflate", "br", "compress", "zstd", "x-gzip", "GZIP",
            "identity, gzip", "gzip, identity", "chunked", "x-nonsense", "aes128gcm", "*");
    private static final List<String> NOT_ACCEPT = List.of(";;;", "x", "application/json;q=abc", "application/json; q=2",
            "text/", "application/json, ;;;", "application/json;q=-1", "application/json;q=0.0001", "/", "a/b/c",
            "application/json;q=1.5", "text/html;level", "application/json; q=\"0.5\"x");
    private static final List<String> UNSATISFIABLE = List.of("image/png", "application/xml", "text/csv",
            "application/pdf", "image/*");

    /**
     * Each endpoint's valid body, sent with one header that must make it refused: a Content-Type that is no media
     * type, a charset other than UTF-8, a media type the endpoint does not take, the header twice, a content coding
     * (sometimes with a real gzip body), an Accept that is no media range or that no representation satisfies.
     */
    public static Gen<Hostile> headers(List<Endpoint> endpoints) {
        return r -> {
            Endpoint e = pick(r, endpoints);
            byte[] body = e.validBody().getBytes(StandardCharsets.UTF_8);
            String json = "application/json";
            return switch (r.nextInt(9)) {
                case 0 -> hostile(e, "Content-Type no media type", body, "Content-Type", pick(r, NOT_MEDIA_TYPES));
                case 1 -> hostile(e, "Content-Type garbage", body, "Content-Type", garbage(r));
                case 2 -> hostile(e, "charset not UTF-8", body, "Content-Type", json + "; charset=" + pick(r, NOT_UTF8));
                case 3 -> hostile(e, "media type not taken", body, "Content-Type", pick(r, NOT_TAKEN));
                case 4 -> hostile(e, "Content-Type twice", body, "Content-Type", json, "Content-Type",
                        r.nextBoolean() ? json : XLSX);
                case 5 -> hostile(e, "content coding", body, "Content-Type", json, "Content-Encoding", pick(r, CODINGS));
                case 6 -> hostile(e, "gzip body", gzip(body), "Content-Type", json, "Content-Encoding", "gzip");
                case 7 -> hostile(e, "Accept no media range", body, "Content-Type", json, "Accept", pick(r, NOT_ACCEPT));
                default -> hostile(e, "Accept unsatisfiable", body, "Content-Type", json, "Accept", pick(r, UNSATISFIABLE));
            };
        };
    }

    /** GETs with a hostile Content-Type or Accept (a GET takes no body, but its headers are parsed all the same). */
    public static Gen<Hostile> readHeaders(List<String> paths) {
        return r -> {
            String path = pick(r, paths);
            return switch (r.nextInt(4)) {
                case 0 -> get(path, "Content-Type no media type", "Content-Type", pick(r, NOT_MEDIA_TYPES));
                case 1 -> get(path, "Content-Type garbage", "Content-Type", garbage(r));
                case 2 -> get(path, "Accept no media range", "Accept", pick(r, NOT_ACCEPT));
                default -> get(path + (path.contains("?") ? "&" : "?") + "format=xlsx", "format with bad Content-Type",
                        "Content-Type", pick(r, NOT_MEDIA_TYPES));
            };
        };
    }

    private static Hostile get(String path, String what, String... headers) {
        return new Hostile("GET " + path, what + " " + List.of(headers), "GET", path, List.of(headers), null, false);
    }

    private static Hostile hostile(Endpoint e, String what, byte[] body, String... headers) {
        return new Hostile(e.name(), what + " " + List.of(headers), e.method(), e.path(), List.of(headers), body, false);
    }

    private static byte[] gzip(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(body);
        } catch (IOException x) {
            throw new UncheckedIOException(x);
        }
        return out.toByteArray();
    }

    /**
     * Identifiers of a path spelt otherwise: with spaces, controls, format characters, full-width or non-ASCII
     * letters, dots and slashes (percent-encoded), too long, or empty. {@code template} holds {@code {id}} where the
     * identifier goes and {@code valid} is a good identifier to spell otherwise. The answer must be below 500; a 2xx
     * is listed ({@link FuzzRun#taken()}) rather than failed: the canonical grammar of identifiers is issue 20's
     * other change.
     */
    public static Gen<Hostile> identifiers(String name, String method, String template, String valid, String body) {
        List<Gen<String>> spellings = List.of(
                r -> valid + pick(r, List.of(" ", "\t", "\u00a0", "\u3000", "\u200b", "\n", "\u0000", "\ufeff")),
                r -> pick(r, List.of(" ", "\u200b", "\u200e", "\u2066")) + valid,
                r -> {
                    int at = r.nextInt(valid.length() + 1);
                    String c = new String(Character.toChars(pick(r, List.of(0x0, 0x7, 0x1b, 0x7f, 0x85, 0x9f, 0xad,
                            0x200d, 0x2028, 0xe000, 0xfffe, 0xffff, 0x10fffd, 0x301))));
                    return valid.substring(0, at) + c + valid.substring(at);
                },
                r -> valid.chars().map(c -> c >= '!' && c <= '~' ? c - '!' + 0xff01 : c)
                        .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString(),
                r -> pick(r, List.of(valid.toLowerCase(), "单位", "ЅЅ-U", "\ud83c\udfe2", "..", ".", "a/b", "%", "%25",
                        "x".repeat(65), valid.repeat(20), "-", "_", "0".repeat(200), "١٢٣", "null", "undefined")));
        return r -> {
            String spelt = pick(r, spellings).next(r);
            String encoded = URLEncoder.encode(spelt, StandardCharsets.UTF_8).replace("+", "%20");
            List<String> headers = List.of("Content-Type", "application/json");
            return new Hostile(name, "identifier " + printable(spelt), method, template.replace("{id}", encoded), headers,
                    body == null ? null : body.replace("{id}", jsonEscaped(spelt)).getBytes(StandardCharsets.UTF_8),
                    true);
        };
    }

    private static String jsonEscaped(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x7f && c <= 0x9f) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().forEach(c -> out.append(c >= 0x21 && c < 0x7f ? Character.toString(c) : String.format("U+%04X", c)));
        return out.length() > 60 ? out.substring(0, 60) + "…" : out.toString();
    }

    /** Several generators as one, each equally likely. */
    @SafeVarargs
    public static Gen<Hostile> anyOf(Gen<Hostile>... gens) {
        List<Gen<Hostile>> list = new ArrayList<>(List.of(gens));
        return r -> list.get(r.nextInt(list.size())).next(r);
    }
}
