package cn.finalaccounts.support.problem;

/**
 * What the answer needs lives in another service that cannot be asked now (accounts-service for a year this
 * service has not learnt yet): 503 {@code source-unavailable} with Retry-After, never a 404 that would be false.
 */
public class SourceUnavailableProblem extends RuntimeException {
    public static final int RETRY_AFTER_SECONDS = 10;

    public SourceUnavailableProblem(String detail, Throwable cause) {
        super(detail, cause);
    }

    public static Problem problem(String detail, String path) {
        return Problem.of("source-unavailable", "A service this answer needs cannot be asked", 503, detail
                + "; ask again shortly", path, java.util.List.of());
    }
}
