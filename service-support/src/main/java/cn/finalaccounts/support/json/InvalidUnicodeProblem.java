package cn.finalaccounts.support.json;

/** A JSON string that is not valid Unicode; answered with 400 like any malformed JSON. */
public class InvalidUnicodeProblem extends RuntimeException {
    public InvalidUnicodeProblem(String reason) {
        super(reason);
    }
}
