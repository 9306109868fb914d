package cn.finalaccounts.support.problem;

/**
 * The answer depends on what a rebuild is emptying and replaying (the 汇总, the mirrored tree a scope is read from):
 * 503 {@code rebuild-under-way} with Retry-After, never a 403 or 404 that would be false a moment later.
 */
public class RebuildUnderWayProblem extends RuntimeException {
    /** How long to tell a caller to wait before asking again while a rebuild is under way. */
    public static final int RETRY_AFTER_SECONDS = 5;

    public RebuildUnderWayProblem(String detail) {
        super(detail, null, false, false);
    }

    public static Problem problem(String detail, String path) {
        return Problem.of("rebuild-under-way", "The 汇总 are being rebuilt", 503, detail
                + "; ask again shortly, or follow GET /api/v1/admin/rebuild", path, java.util.List.of());
    }
}
