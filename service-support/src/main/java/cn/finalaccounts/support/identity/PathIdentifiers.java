package cn.finalaccounts.support.identity;

import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every identifier in a request's path is checked against its one grammar ({@link Identifier}) as the request
 * enters, after its route is matched and before any operation runs: a second spelling of a code ({@code X%20},
 * {@code hh-rsj}, {@code ＨＨ-RSJ}, {@code HH-RSJ%E2%80%8B}, {@code +2023}) is a 422 naming the path parameter, on
 * every endpoint, never a lookup that finds (the database's PAD SPACE collation finds {@code X} for {@code X })
 * or misses (404) or a scope check that refuses (403). Percent-encoding itself is not a second spelling: the
 * parameters are read decoded, so {@code HH%2DRSJ} is {@code HH-RSJ}.
 *
 * <p>A path parameter is known by its name, the same in every service's contract; {@link #grammarOf} is the table,
 * and a test over each service's OpenAPI contract keeps every parameter of every path in it.
 */
public class PathIdentifiers {
    /** Path parameter name → its grammar. {@code code} is a node code, and a 科目 code (all digits) fits it too. */
    private static final Map<String, Identifier> PATH = Map.ofEntries(
            Map.entry("code", Identifier.NODE_CODE),
            Map.entry("node", Identifier.NODE_CODE),
            Map.entry("region", Identifier.NODE_CODE),
            Map.entry("projectCode", Identifier.PROJECT_CODE),
            Map.entry("year", Identifier.YEAR),
            Map.entry("n", Identifier.VERSION),
            Map.entry("table", Identifier.TABLE),
            Map.entry("row", Identifier.CELL),
            Map.entry("col", Identifier.CELL),
            Map.entry("fund", Identifier.REFERENCE),
            Map.entry("classification", Identifier.REFERENCE));

    /** The grammar of a path parameter, by its name; empty for a name the table does not know. */
    public static Optional<Identifier> grammarOf(String pathParameter) {
        return Optional.ofNullable(PATH.get(pathParameter));
    }

    @ServerRequestFilter
    public void refuseSecondSpellings(ContainerRequestContext request) {
        MultivaluedMap<String, String> parameters = request.getUriInfo().getPathParameters(true);
        List<Violation> violations = new ArrayList<>();
        parameters.forEach((name, values) -> grammarOf(name).ifPresent(grammar -> values.forEach(
                value -> grammar.check(name, value, violations))));
        // The drill-down names its table in the query: the same grammar as in a path.
        String table = request.getUriInfo().getQueryParameters(true).getFirst("table");
        if (table != null) {
            Identifier.TABLE.check("table", table, violations);
        }
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations);
        }
    }
}
