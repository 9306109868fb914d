package cn.finalaccounts.support.problem;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every refusal into application/problem+json. Bad input is always a 4xx naming the field and the
 * reason; a 5xx means a bug or an outage, never a client's mistake.
 */
public class ProblemMappers {
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

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

    /** Declared apart: the REST layer has a built-in mapper for this subtype that answers with an empty body. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e, UriInfo uri) {
        return malformedJson(e, uri);
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e, UriInfo uri) {
        String field = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                ? jsonPath(m) : "$";
        String reason = "malformed JSON: " + e.getOriginalMessage()
                + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr() + ")" : "");
        return respond(Problem.of("malformed-json", "The body is not valid JSON of the expected shape", 400,
                "nothing was stored", path(uri), List.of(new Violation(field, reason))));
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        // The JSON body reader reports unparsable bodies as a 400 wrapping Jackson's exception.
        for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
            if (c instanceof JsonProcessingException jpe) {
                return malformedJson(jpe, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        return respond(Problem.of("http-" + status, e.getResponse().getStatusInfo().getReasonPhrase(), status,
                e.getMessage(), path(uri), List.of()));
    }

    private static String jsonPath(MismatchedInputException m) {
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
