package cn.finalaccounts.support.json;

/**
 * A JSON string that is valid Unicode but holds a character no text of the platform may hold
 * ({@link UnicodeText#firstForbidden}): the JSON is fine, the value is not, so the answer is a 422 naming the field.
 */
public class UnacceptableTextProblem extends RuntimeException {
    public UnacceptableTextProblem(String reason) {
        super(reason, null, false, false);
    }
}
