package cn.finalaccounts.testsupport;

import static io.restassured.RestAssured.given;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

/**
 * Sends one request per cell of an access matrix (endpoint × role × in/out of scope, no token, an expired token;
 * the operator's "in" and "out" are tokens naming the row's two nodes, which its platform role does not look at)
 * and compares each answer with the status the row expects. A refused cell must be problem+json and leave the
 * row's state as it was; an allowed one its own success status. Refused cells of a row run before its allowed
 * ones, so an allowed rebuild comes last. Mismatches are collected, then the matrix is printed.
 */
public final class AccessMatrix {
    public static final List<String> COLUMNS = List.of("filler in", "filler out", "reviewer in", "reviewer out",
            "admin in", "admin out", "reader in", "reader out", "operator in", "operator out", "no token", "expired");
    private static final List<String> ROLES = List.of("filler", "reviewer", "admin", "reader", "operator");

    /**
     * @param expected one status per {@link #COLUMNS} entry, whitespace-separated (the spec, written by hand)
     * @param keeper   the role whose expired token the last column sends (the one that would be let in)
     * @param state    what a refused request must leave unchanged (rows, revisions, a counter)
     * @param after    run after an allowed request (to wait for a rebuild); may be null
     */
    public record Row(String name, String method, String path, String body, String inNode, String outNode,
            String keeper, String expected, Callable<Object> state, Runnable after) {
        int[] statuses() {
            int[] s = Arrays.stream(expected.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
            if (s.length != COLUMNS.size()) {
                throw new IllegalArgumentException(name + ": " + s.length + " statuses for " + COLUMNS.size() + " columns");
            }
            return s;
        }
    }

    private final List<String> mismatches = new ArrayList<>();
    private final StringBuilder printed = new StringBuilder();
    private int cells;

    public AccessMatrix run(List<Row> rows) throws Exception {
        printed.append(String.format("%-22s", "endpoint"));
        COLUMNS.forEach(c -> printed.append(String.format("%-13s", c)));
        printed.append('\n');
        for (Row row : rows) {
            int[] expected = row.statuses();
            int[] seen = new int[expected.length];
            List<Integer> order = new ArrayList<>();
            for (int refusedFirst = 0; refusedFirst < 2; refusedFirst++) {
                for (int c = 0; c < expected.length; c++) {
                    if (refused(expected[c]) == (refusedFirst == 0)) {
                        order.add(c);
                    }
                }
            }
            for (int c : order) {
                Object before = row.state().call();
                Response r = request(row, c).request(row.method(), row.path());
                seen[c] = r.statusCode();
                cells++;
                check(row, c, expected[c], r, before);
            }
            printed.append(String.format("%-22s", row.name()));
            Arrays.stream(seen).forEach(s -> printed.append(String.format("%-13d", s)));
            printed.append('\n');
        }
        printed.append(cells).append(" cells checked\n");
        System.out.println(printed);
        return this;
    }

    public List<String> mismatches() {
        return mismatches;
    }

    public int cells() {
        return cells;
    }

    private void check(Row row, int column, int expected, Response r, Object before) throws Exception {
        String cell = row.name() + " × " + COLUMNS.get(column);
        if (r.statusCode() != expected) {
            mismatches.add(cell + ": expected " + expected + ", got " + r.statusCode() + " " + r.body().asString());
            return;
        }
        if (refused(expected)) {
            if (!String.valueOf(r.contentType()).startsWith("application/problem+json")) {
                mismatches.add(cell + ": a refusal must be problem+json, was " + r.contentType());
            }
            Object after = row.state().call();
            if (!Objects.equals(before, after)) {
                mismatches.add(cell + ": refused, yet the state changed from " + before + " to " + after);
            }
        } else if (row.after() != null) {
            row.after().run();
        }
    }

    private static boolean refused(int status) {
        return status == 401 || status == 403;
    }

    private static RequestSpecification request(Row row, int column) {
        RequestSpecification spec = given();
        if (row.body() != null) {
            spec = spec.contentType("application/json").body(row.body());
        }
        if (column < 2 * ROLES.size()) {
            String node = column % 2 == 0 ? row.inNode() : row.outNode();
            return spec.auth().oauth2(Person.of(ROLES.get(column / 2), node).token());
        }
        return column == 2 * ROLES.size() ? spec
                : spec.auth().oauth2(Person.of(row.keeper(), row.inNode()).expiredToken());
    }
}
