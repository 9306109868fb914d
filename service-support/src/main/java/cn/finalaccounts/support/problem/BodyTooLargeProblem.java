package cn.finalaccounts.support.problem;

/**
 * The body grew past the limit while it was being read (a chunked body announces no length beforehand).
 * Unchecked, so that it passes through the JSON parser unwrapped and is answered with 413.
 */
public class BodyTooLargeProblem extends RuntimeException {
    private final long limit;

    public BodyTooLargeProblem(long limit) {
        super("the body has more than " + limit + " bytes; at most " + limit + " are accepted");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
