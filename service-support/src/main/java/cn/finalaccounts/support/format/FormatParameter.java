package cn.finalaccounts.support.format;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * {@code ?format=xlsx}, {@code json}, {@code text} or {@code md} on any GET: a browser link cannot send an Accept
 * header, so the query parameter stands for one ({@code format=xlsx} → Accept: the .xlsx media type, {@code json} →
 * application/json, {@code text} → text/plain and {@code md} → text/markdown, the last two for the 情况说明).
 * A path that has no such representation answers 406. Done before the resource method is matched, so that content negotiation picks the method that
 * produces it, in every service at once. Another value is refused (422 naming {@code format}), before the caller's
 * token is looked at: the refusal says nothing about any resource.
 */
public class FormatParameter {

    @ServerRequestFilter(preMatching = true)
    public void acceptFromFormat(ContainerRequestContext request) {
        String format = request.getUriInfo().getQueryParameters().getFirst("format");
        if (format == null) {
            return;
        }
        String accept = switch (format) {
            case "xlsx" -> Spreadsheet.XLSX;
            case "json" -> MediaType.APPLICATION_JSON;
            case "text" -> MediaType.TEXT_PLAIN;
            case "md" -> NarrativeText.MARKDOWN;
            default -> throw new InvalidInputException("format",
                    "'" + format + "' is not a format; use json, xlsx, text or md");
        };
        request.getHeaders().putSingle(HttpHeaders.ACCEPT, accept);
    }
}
