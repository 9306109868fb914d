package cn.finalaccounts.support.problem;

import cn.finalaccounts.fiscal.validation.Violation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body larger than any real report (a few hundred cells are tens of kilobytes) with a problem+json 413.
 * Twice: a declared Content-Length above the limit is refused before anything is read; a body without one
 * ({@code Transfer-Encoding: chunked}) or with a false one is counted while the JSON reader reads it and refused
 * at the first byte past the limit. The HTTP layer's own limit (quarkus.http.limits.max-body-size) stays above
 * this one as a backstop.
 */
@Provider
public class BodySizeLimit implements ReaderInterceptor {
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
        Problem p = tooLarge(request.getUriInfo().getPath(), "the body has " + bytes + " bytes; at most " + maxBodyBytes
                + " are accepted");
        return Response.status(413).type(Problem.MEDIA_TYPE).entity(p).build();
    }

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        context.setInputStream(new CountingStream(context.getInputStream(), maxBodyBytes));
        return context.proceed();
    }

    static Problem tooLarge(String instance, String reason) {
        return Problem.of("body-too-large", "The body is too large", 413, "nothing was stored", instance,
                List.of(new Violation("$", reason)));
    }

    /** Counts the bytes read and fails at the first one past the limit. */
    static final class CountingStream extends FilterInputStream {
        private final long limit;
        private long count;

        CountingStream(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                counted(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                counted(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            counted(skipped);
            return skipped;
        }

        private void counted(long n) {
            count += n;
            if (count > limit) {
                throw new BodyTooLargeProblem(limit);
            }
        }
    }
}
