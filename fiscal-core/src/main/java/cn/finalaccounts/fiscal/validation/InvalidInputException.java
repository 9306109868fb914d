package cn.finalaccounts.fiscal.validation;

import java.util.List;

/** Input that must be refused as a whole, with every reason found (not just the first). */
public class InvalidInputException extends RuntimeException {
    private final List<Violation> violations;

    public InvalidInputException(List<Violation> violations) {
        super(violations.size() + " invalid field(s): " + violations);
        this.violations = List.copyOf(violations);
    }

    public InvalidInputException(String field, String reason) {
        this(List.of(new Violation(field, reason)));
    }

    public List<Violation> violations() {
        return violations;
    }
}
