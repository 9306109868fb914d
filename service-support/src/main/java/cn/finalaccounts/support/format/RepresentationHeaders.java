package cn.finalaccounts.support.format;

import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.problem.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The headers that say what a body is and what answer is wanted, checked before anything else reads them
 * (docs/api.md, "Headers"):
 * <ul>
 * <li>{@code Content-Type} and {@code Accept} must be media types as RFC 9110 writes them. Content negotiation
 * parses both to choose between the JSON and the workbook (.xlsx) methods of a path; a header that is no media
 * type ({@code ;;;}, {@code x}, {@code application/json; charset=}) failed inside that parsing and answered 500.
 * Now 400 naming the header, on every method, a GET included.</li>
 * <li>A {@code charset} other than UTF-8 on a JSON or text body: JSON is UTF-8 (RFC 8259), and the text bodies are read as UTF-8; a body
 * declared GBK would be read as something it is not. 415 naming {@code Content-Type}.</li>
 * <li>{@code Content-Encoding} other than {@code identity}: no body is decoded, and a gzip body must not be read as
 * if it were plain. 415 naming {@code Content-Encoding}, with {@code Accept-Encoding: identity} (RFC 9110 §15.5.16).</li>
 * <li>A write ({@code PUT}, {@code POST}…) whose {@code Accept} takes no JSON: every write answers JSON, so it is
 * refused 406 before it runs, on every path alike.</li>
 * </ul>
 * Runs before {@link FormatParameter} (lower priority number) and before the caller's token is looked at: the
 * refusal says nothing about any resource.
 */
public class RepresentationHeaders {
    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final String QUOTED = "\"(?:[\\t \\x21\\x23-\\x5b\\x5d-\\x7e]|\\\\[\\t \\x21-\\x7e])*\"";
    private static final String PARAMETERS = "(?:[ \\t]*;[ \\t]*(?:" + TOKEN + "=(?:" + TOKEN + "|" + QUOTED + "))?)*";
    private static final Pattern MEDIA_TYPE = Pattern.compile(TOKEN + "/" + TOKEN + PARAMETERS + "[ \\t]*");
    /** A media range of Accept; a lone {@code *} is taken as {@code *}{@code /*}, as old Java clients send it. */
    private static final Pattern MEDIA_RANGE = Pattern.compile("(?:\\*|" + TOKEN + "/" + TOKEN + ")" + PARAMETERS + "[ \\t]*");
    private static final Pattern PARAMETER = Pattern.compile(";[ \\t]*(" + TOKEN + ")=(" + TOKEN + "|" + QUOTED + ")");
    /** RFC 9110's weight, with {@code .2} for {@code 0.2} as old clients write it. */
    private static final Pattern WEIGHT = Pattern.compile("0(?:\\.[0-9]{0,3})?|1(?:\\.0{0,3})?|\\.[0-9]{1,3}");

    @ServerRequestFilter(preMatching = true, priority = 100)
    public Response checkHeaders(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        List<String> types = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        if (types != null && !types.isEmpty()) {
            if (types.size() > 1) {
                return refused(400, path, HttpHeaders.CONTENT_TYPE, "sent " + types.size() + " times; send it once");
            }
            String type = types.get(0).strip();
            if (!MEDIA_TYPE.matcher(type).matches() || !parsable(type)) {
                return refused(400, path, HttpHeaders.CONTENT_TYPE, "'" + shown(type)
                        + "' is not a media type (type/subtype; parameters as name=value), e.g. application/json");
            }
            if (type.startsWith("*/") || type.matches("[^/]*/\\*(?:[ \t;].*)?")) {
                // A range says what a client would take; a body is of one type, and content negotiation would pick
                // whichever method it liked for a wildcard.
                return refused(400, path, HttpHeaders.CONTENT_TYPE, "'" + shown(type) + "' is a media range; a body is of"
                        + " one media type, e.g. application/json");
            }
            String charset = parameter(type, "charset");
            if (charset != null && isText(type) && !charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
                return refused(415, path, HttpHeaders.CONTENT_TYPE, "charset '" + shown(charset)
                        + "' is not taken; bodies are UTF-8 (send charset=utf-8 or none)");
            }
        }
        List<String> accepts = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accepts != null) {
            for (String accept : accepts) {
                String bad = badMediaRange(accept);
                if (bad != null) {
                    return refused(400, path, HttpHeaders.ACCEPT, bad);
                }
            }
        }
        String method = request.getMethod();
        if (accepts != null && !accepts.isEmpty() && !method.equals("GET") && !method.equals("HEAD")
                && accepts.stream().noneMatch(RepresentationHeaders::takesJson)) {
            // Every write answers JSON. Negotiation refuses such a request before it runs only where the method's
            // answer is typed; where it is a Response (the report's PUT) the write ran and was stored first.
            return refused(406, path, HttpHeaders.ACCEPT, "'" + shown(String.join(", ", accepts)) + "' takes no JSON,"
                    + " and every write answers application/json; nothing was done");
        }
        List<String> encodings = request.getHeaders().get(HttpHeaders.CONTENT_ENCODING);
        if (encodings != null) {
            for (String encoding : encodings) {
                for (String coding : encoding.split(",")) {
                    String c = coding.strip();
                    if (!c.isEmpty() && !c.equalsIgnoreCase("identity")) {
                        return Response.fromResponse(refused(415, path, HttpHeaders.CONTENT_ENCODING, "content coding '"
                                + shown(c) + "' is not taken; send the body as it is (identity), not compressed"))
                                .header("Accept-Encoding", "identity").build();
                    }
                }
            }
        }
        return null;
    }

    /** Why one Accept header is refused, or null when each of its media ranges is well formed. */
    private static String badMediaRange(String accept) {
        for (String range : accept.split(",")) {
            String r = range.strip();
            if (r.isEmpty()) {
                continue; // RFC 9110 lists allow empty elements
            }
            if (!MEDIA_RANGE.matcher(r).matches() || !r.startsWith("*") && !parsable(r)) {
                return "'" + shown(r) + "' is not a media range (type/subtype, type/* or */*; parameters as name=value),"
                        + " e.g. application/json";
            }
            String q = parameter(r, "q");
            if (q != null && !WEIGHT.matcher(q).matches()) {
                return "the weight q=" + shown(q) + " of '" + shown(r) + "' is not a number from 0 to 1 with at most"
                        + " three decimals";
            }
        }
        return null;
    }

    /**
     * JSON and text bodies, whose bytes the charset would say how to read. A binary body (the workbook) has no
     * charset to heed; a client library that appends one out of habit is not refused for it.
     */
    private static boolean isText(String type) {
        String t = type.toLowerCase(Locale.ROOT);
        int semicolon = t.indexOf(';');
        String bare = (semicolon < 0 ? t : t.substring(0, semicolon)).strip();
        return bare.startsWith("text/") || bare.equals("application/json") || bare.endsWith("+json");
    }

    /** Whether one Accept header has a range, not weighted 0, that application/json falls in. */
    private static boolean takesJson(String accept) {
        for (String range : accept.split(",")) {
            String r = range.strip();
            int semicolon = r.indexOf(';');
            String bare = (semicolon < 0 ? r : r.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
            String q = parameter(r, "q");
            boolean zero = q != null && q.matches("0*\\.?0*");
            if (!zero && (bare.equals("*") || bare.equals("*/*") || bare.equals("application/*")
                    || bare.equals("application/json"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the REST layer's own parser takes it too (it is what content negotiation calls). */
    private static boolean parsable(String type) {
        try {
            MediaType.valueOf(type);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The value of the named parameter, unquoted, or null. */
    static String parameter(String type, String name) {
        Matcher m = PARAMETER.matcher(type);
        while (m.find()) {
            if (m.group(1).toLowerCase(Locale.ROOT).equals(name)) {
                String value = m.group(2);
                return value.startsWith("\"") ? value.substring(1, value.length() - 1).replaceAll("\\\\(.)", "$1") : value;
            }
        }
        return null;
    }

    /** The header as it may be shown in an answer: printable ASCII only, at most 100 characters. */
    private static String shown(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() <= 100 ? printable : printable.substring(0, 100) + "…";
    }

    private static Response refused(int status, String path, String header, String reason) {
        Problem p = Problem.of(status == 415 ? "unsupported-media-type" : status == 406 ? "not-acceptable" : "malformed-header",
                status == 415 ? "The body's media type or coding is not taken"
                        : status == 406 ? "No acceptable representation" : "A header is malformed", status,
                "nothing was stored", path, List.of(new Violation(header, reason)));
        return Response.status(status).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
