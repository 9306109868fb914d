package cn.finalaccounts.support.problem;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import cn.finalaccounts.support.fault.TransientFailures;
import cn.finalaccounts.support.json.InvalidUnicodeProblem;
import cn.finalaccounts.support.json.UnacceptableTextProblem;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.oidc.OIDCException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every refusal into application/problem+json. Bad input is always a 4xx naming the field and the
 * reason; a 5xx means a bug or an outage, never a client's mistake. No answer is ever anything but problem+json:
 * the loss of the database is a 503 with Retry-After, and any other unexpected failure a 500 whose error id is
 * in the log beside the stack trace (the stack itself stays in the log).
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);
    /** Seconds a client should wait before trying again while the database is away: a restart takes about this. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response invalidInput(InvalidInputException e, UriInfo uri) {
        return respond(Problem.of("invalid-input", "The request has invalid fields", 422,
                e.violations().size() + " field(s) refused; nothing was stored", path(uri), e.violations()));
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundProblem e, UriInfo uri) {
        return respond(Problem.of("not-found", "Not found", 404, e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response conflict(ConflictProblem e, UriInfo uri) {
        return respond(Problem.of("conflict", "Refused in the current state", 409, e.getMessage(), path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenProblem e, UriInfo uri) {
        return respond(Problem.of("forbidden", "Not allowed for this caller", 403,
                e.getMessage() + "; nothing was stored", path(uri), List.of()));
    }

    @ServerExceptionMapper
    public Response rebuildUnderWay(RebuildUnderWayProblem e, UriInfo uri) {
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, RebuildUnderWayProblem.RETRY_AFTER_SECONDS)
                .entity(RebuildUnderWayProblem.problem(e.getMessage(), path(uri))).build();
    }

    @ServerExceptionMapper
    public Response sourceUnavailable(SourceUnavailableProblem e, UriInfo uri) {
        LOG.warnf("a source is unavailable: %s", e.getMessage());
        return Response.status(503).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.RETRY_AFTER, SourceUnavailableProblem.RETRY_AFTER_SECONDS)
                .entity(SourceUnavailableProblem.problem(e.getMessage(), path(uri))).build();
    }

    /** From a security annotation or the HTTP permission policy: the identity is known, the role is not enough. */
    @ServerExceptionMapper
    public Response forbiddenBySecurity(ForbiddenException e, UriInfo uri) {
        return forbidden(new ForbiddenProblem("this operation needs another role"), uri);
    }

    /**
     * No token, or a token that does not verify (expired, wrong issuer or audience, bad signature). Authentication
     * runs lazily (quarkus.http.auth.proactive=false) so that both reach this mapper and answer problem+json.
     */
    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        boolean tokenGiven = e instanceof AuthenticationFailedException;
        Problem p = Problem.of("unauthenticated", "Authentication required", 401,
                (tokenGiven ? "the bearer token was refused (expired, or not issued for this platform)"
                        : "send an OIDC bearer token: Authorization: Bearer <token>") + "; nothing was stored",
                path(uri), List.of());
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer")
                .entity(p).build();
    }

    /**
     * The identity provider could not be reached to load its keys (the service never reached it since it started):
     * no token can be verified, which is an outage (503), not the client's fault.
     */
    @ServerExceptionMapper
    public Response identityProviderAway(OIDCException e, UriInfo uri) {
        String errorId = UUID.randomUUID().toString();
        LOG.warnf("error id %s: the identity provider is unavailable: %s", errorId, e.getMessage());
        Problem p = Problem.of("service-unavailable", "The service is temporarily unavailable", 503,
                "the identity provider cannot be reached to verify the token; nothing was stored; try again in "
                        + RETRY_AFTER_SECONDS + " s (error id " + errorId + ")", path(uri), List.of());
        return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .entity(p).build();
    }

    /** Declared apart: the REST layer has a built-in mapper for this subtype that answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    /** Declared apart, like {@link #mismatchedJson}, so that no built-in mapper of a subtype answers first. */
    @ServerExceptionMapper
    public Response mappingJson(JsonMappingException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof JsonMappingException m && !m.getPath().isEmpty() ? jsonPath(m) : parserPath(e);
        UnacceptableTextProblem text = causeOf(e, UnacceptableTextProblem.class);
        if (text != null) {
            return respond(Problem.of("invalid-input", "The request has invalid fields", 422,
                    "1 field(s) refused; nothing was stored", path(uri), List.of(new Violation(field, text.getMessage()))));
        }
        InvalidUnicodeProblem unicode = causeOf(e, InvalidUnicodeProblem.class);
        String reason = (unicode != null ? unicode.getMessage() : "malformed JSON: " + e.getOriginalMessage())
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" : "");
        return respond(Problem.of("malformed-json", "The body is not valid JSON of the expected shape", 400,
                "nothing was stored", path(uri), List.of(new Violation(field, reason))));
    }

    /** A string in a body read as a tree (a report) that is not valid Unicode. */
    @ServerExceptionMapper
    public Response invalidUnicode(InvalidUnicodeProblem e, UriInfo uri) {
        return respond(Problem.of("malformed-json", "The body is not valid JSON of the expected shape", 400,
                "nothing was stored", path(uri), List.of(new Violation("$", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response bodyTooLarge(BodyTooLargeProblem e, UriInfo uri) {
        return respond(BodySizeLimit.tooLarge(path(uri), e.getMessage()));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON body reader reports unparsable bodies as a 400 wrapping Jackson's exception.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException jpe) {
                return malformedJson(jpe, uri);
            }
            if (c instanceof BodyTooLargeProblem big) {
                return bodyTooLarge(big, uri);
            }
            if (c instanceof InvalidUnicodeProblem text) {
                return invalidUnicode(text, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500 && TransientFailures.isConnectionLoss(e)) {
            return unexpected(e, uri);
        }
        if (status >= 500) {
            // Keeps the status the code chose (a 502 or 503 of its own), with an error id for the log.
            String errorId = UUID.randomUUID().toString();
            LOG.errorf(e, "error id %s: request failed", errorId);
            return respond(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                    "error id " + errorId, path(uri), List.of()));
        }
        return respond(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), path(uri), List.of()));
    }

    /**
     * Anything else: the database unreachable is a 503 the client may retry; any other failure is a defect, logged
     * with an error id that the answer gives so that an operator can find the stack trace.
     */
    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        BodyTooLargeProblem big = causeOf(e, BodyTooLargeProblem.class);
        if (big != null) {
            return bodyTooLarge(big, uri);
        }
        InvalidUnicodeProblem text = causeOf(e, InvalidUnicodeProblem.class);
        if (text != null) {
            return invalidUnicode(text, uri);
        }
        String errorId = UUID.randomUUID().toString();
        if (TransientFailures.isConnectionLoss(e)) {
            LOG.warnf("error id %s: the database is unavailable: %s", errorId, e);
            Problem p = Problem.of("service-unavailable", "The service is temporarily unavailable", 503,
                    "the database cannot be reached; nothing was stored; try again in " + RETRY_AFTER_SECONDS
                            + " s (error id " + errorId + ")", path(uri), List.of());
            return Response.status(503).type(Problem.MEDIA_TYPE).header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                    .entity(p).build();
        }
        LOG.errorf(e, "error id %s: request failed", errorId);
        return respond(Problem.of("internal-error", "Internal error", 500,
                "an unexpected error occurred; nothing of this request was stored unless it was answered 2xx"
                        + " (error id " + errorId + ")", path(uri), List.of()));
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        int depth = 0;
        for (Throwable c = e; c != null && depth < 32; c = c.getCause(), depth++) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** Where the parser stood when it failed (a duplicate key names the object it occurs in), as a JSON path. */
    private static String parserPath(JsonProcessingException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return "$";
        }
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String path = String.join("", parts);
        return path.isEmpty() ? "$" : path.startsWith(".") ? path.substring(1) : path;
    }

    private static String jsonPath(JsonMappingException m) {
        StringBuilder sb = new StringBuilder();
        for (var ref : m.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            } else {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getPath();
    }

    private static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
