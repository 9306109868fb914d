package cn.finalaccounts.support.problem;

/** The request is well formed but the resource's state refuses it (an approved report is locked, say). */
public class ConflictProblem extends RuntimeException {
    public ConflictProblem(String detail) {
        super(detail);
    }
}
