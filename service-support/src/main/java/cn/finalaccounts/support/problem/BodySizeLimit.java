package cn.finalaccounts.support.problem;

import cn.finalaccounts.fiscal.validation.Violation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than any real report (a few hundred cells are tens of kilobytes) with a problem+json
 * 413 before it is read. The HTTP layer's own limit (quarkus.http.limits.max-body-size) stays above this one
 * as a backstop for bodies sent without a Content-Length.
 */
public class BodySizeLimit {
    @ConfigProperty(name = "fa.http.max-body-bytes", defaultValue = "2097152")
    long maxBodyBytes;

    @ServerRequestFilter
    public Response refuseOversized(ContainerRequestContext request) {
        String length = request.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return null;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        if (bytes <= maxBodyBytes) {
            return null;
        }
        Problem p = Problem.of("body-too-large", "The body is too large", 413, "nothing was stored",
                request.getUriInfo().getPath(), List.of(new Violation("$", "the body has " + bytes
                        + " bytes; at most " + maxBodyBytes + " are accepted")));
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
