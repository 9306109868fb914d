package cn.finalaccounts.support.problem;

/** The addressed resource does not exist (an unknown unit code, a year with no report). */
public class NotFoundProblem extends RuntimeException {
    public NotFoundProblem(String detail) {
        super(detail);
    }
}
