package cn.finalaccounts.support.problem;

import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 7807 problem detail. {@code violations} lists every offending field by its JSON path, so a client
 * can mark each one; nothing of a refused request is stored.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> violations) {
    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "urn:final-accounts:problem:";

    public static Problem of(String kind, String title, int status, String detail, String instance,
            List<Violation> violations) {
        return new Problem(TYPE_BASE + kind, title, status, detail, instance, violations);
    }
}
