package cn.finalaccounts.support.problem;

/** The caller is known but its role or its scope does not allow this (403). The message says which. */
public class ForbiddenProblem extends RuntimeException {
    public ForbiddenProblem(String detail) {
        super(detail);
    }
}
