package cn.finalaccounts.e2e;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Every answer the end-to-end tests receive from a service, held against that service's contract
 * ({@code <service>/src/main/resources/META-INF/openapi.yaml}): the status must be one the operation declares, the
 * media type one declared for that status, and a JSON body must match the schema declared for both (OpenAPI 3.0:
 * {@code nullable}, {@code $ref}, formats, enums). A mismatch fails the test that received the answer, naming the
 * operation, the JSON pointer and the reason. Only {@code /api/} answers are held to a contract: {@code /q/health},
 * {@code /q/openapi} and the dashboard are Quarkus's and the page's, not operations of the API.
 *
 * <p>The checks are made by Atlassian's swagger-request-validator (response validation only: the tests send
 * hostile requests on purpose). The HTTP clients of the tests reach it through {@link #FILTER} (RestAssured, set for
 * every request by {@link #watch}), {@link NativeClientCheck} (java.net.http, the generated {@code native} clients)
 * and {@link OkHttpCheck} (the generated {@code okhttp-gson} clients).
 */
final class ContractAnswers {
    /** The RestAssured filter: every request of every test, through {@code RestAssured.filters}. */
    static final Filter FILTER = new Filter() {
        @Override
        public Response filter(FilterableRequestSpecification request, FilterableResponseSpecification response,
                FilterContext ctx) {
            Response answer = ctx.next(request, response);
            check(request.getMethod(), URI.create(request.getURI()), answer.statusCode(), answer.contentType(),
                    answer.asByteArray());
            return answer;
        }
    };

    /** "127.0.0.1:40123" → the service module answering there. */
    private static final Map<String, String> SERVICES = new ConcurrentHashMap<>();
    private static final Map<String, OpenApiInteractionValidator> VALIDATORS = new ConcurrentHashMap<>();
    private static boolean filterSet;

    private ContractAnswers() {
    }

    /** From now on, answers from {@code baseUrl} are held to the contract of {@code module} (accounts-service, …). */
    static synchronized void watch(String baseUrl, String module) {
        URI base = URI.create(baseUrl);
        SERVICES.put(base.getHost() + ":" + base.getPort(), module);
        if (!filterSet) {
            RestAssured.filters(FILTER);
            filterSet = true;
        }
    }

    /** What the contract says of one answer: nothing when it matches. */
    record Mismatch(String operation, String pointer, String key, String reason) {
        @Override
        public String toString() {
            return operation + " " + (pointer.isEmpty() ? "(the answer)" : pointer) + ": " + reason + " [" + key + "]";
        }
    }

    /**
     * Fails with an {@link AssertionError} naming each mismatch when the answer does not match the contract of the
     * service at the URI's host and port; answers of other hosts (Keycloak) and outside {@code /api/} pass unchecked.
     */
    static void check(String method, URI uri, int status, String contentType, byte[] body) {
        String module = SERVICES.get(uri.getHost() + ":" + uri.getPort());
        if (module == null || !uri.getRawPath().startsWith("/api/")) {
            return;
        }
        List<Mismatch> found = mismatches(module, method, uri.getRawPath(), status, contentType, body);
        if (!found.isEmpty()) {
            throw new AssertionError("the answer " + status + " (" + contentType + ") to " + method + " " + uri
                    + " does not match the contract of " + module + ":\n  "
                    + found.stream().map(Mismatch::toString).collect(Collectors.joining("\n  ")));
        }
    }

    /** Every way the answer departs from the contract of {@code module} (e.g. "accounts-service"). */
    static List<Mismatch> mismatches(String module, String method, String path, int status, String contentType,
            byte[] body) {
        SimpleResponse.Builder answer = SimpleResponse.Builder.status(status);
        if (contentType != null && !contentType.isBlank()) {
            answer.withContentType(contentType);
        }
        if (body != null && body.length > 0) {
            answer.withBody(body);
        }
        ValidationReport report = validator(module).validateResponse(path,
                Request.Method.valueOf(method.toUpperCase(Locale.ROOT)), answer.build());
        return report.getMessages().stream().filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> new Mismatch(operation(m, method, path),
                        m.getContext().flatMap(ValidationReport.MessageContext::getPointers)
                                .map(ValidationReport.MessageContext.Pointers::getInstance).orElse(""),
                        m.getKey(), m.getMessage()))
                .toList();
    }

    private static String operation(ValidationReport.Message m, String method, String path) {
        return m.getContext().flatMap(ValidationReport.MessageContext::getApiOperation)
                .map(o -> o.getOperation().getOperationId() + " (" + o.getMethod() + " " + o.getApiPath().original() + ")")
                .orElse(method + " " + path + " (no operation of the contract)");
    }

    private static OpenApiInteractionValidator validator(String module) {
        return VALIDATORS.computeIfAbsent(module, m -> {
            Path root = Path.of(System.getProperty("platform.root", ".."));
            try {
                String contract = Files.readString(root.resolve(m).resolve("src/main/resources/META-INF/openapi.yaml"));
                return OpenApiInteractionValidator.createForInlineApiSpecification(contract).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
