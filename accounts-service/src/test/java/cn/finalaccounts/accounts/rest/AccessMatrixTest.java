package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every write of accounts-service against every role, in and out of scope, without a token and with an expired
 * one (the tree's moves, its roots and an admin's own node, cell by cell: TreeMovesMatrixTest). The expected
 * answers are written out below as the specification, on their own: they are not derived from Permission, so a
 * change of the matrix in code that nobody meant fails here. Each cell works on a unit of its own, prepared so that an allowed call succeeds (a submitted report before approve); a refused cell must answer
 * 401 or 403 problem+json and leave the unit's rows, its report, versions, decision trail, outbox events and
 * audit lines as they were.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class AccessMatrixTest {
    /** In scope: people of MX-D1, under which every cell's unit hangs; out of scope: people of MX-D2. */
    private static final String IN = "MX-D1";
    private static final String OUT = "MX-D2";
    private static final String[] ROLES = {"filler", "reviewer", "admin", "reader", "operator"};
    private static final List<String> COLUMNS = List.of("filler in", "filler out", "reviewer in", "reviewer out",
            "admin in", "admin out", "reader in", "reader out", "operator in", "operator out", "no token", "expired");

    /** The specification: the status each column must see, in the order of COLUMNS. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        //                          fill-in fill-out rev-in rev-out adm-in adm-out read-in read-out op-in op-out none expired
        EXPECTED.put("PUT unit",    "403     403      403    403     201    403     403     403      403   403    401  401");
        EXPECTED.put("DELETE unit", "403     403      403    403     200    403     403     403      403   403    401  401");
        EXPECTED.put("PUT report",  "201     403      403    403     403    403     403     403      403   403    401  401");
        EXPECTED.put("submit",      "200     403      403    403     403    403     403     403      403   403    401  401");
        EXPECTED.put("approve",     "403     403      200    403     403    403     403     403      403   403    401  401");
        EXPECTED.put("return",      "403     403      200    403     403    403     403     403      403   403    401  401");
    }

    private static final Person ROOT_ADMIN = Person.admin("MX-R");
    /** Holds every role at the root: with a valid token each write would be allowed; expired, none is. */
    private static final Person EVERYONE = new Person("everyone@MX-R", "everyone", "MX-R",
            List.of("filler", "reviewer", "admin", "reader", "operator"));

    @Inject
    TableCounts counts;

    @Test
    void everyWriteAgainstEveryRoleInAndOutOfScopeWithoutATokenAndExpired() {
        SeedFixture.registerTree("MX-R", IN, "MX-U");
        as(ROOT_ADMIN).contentType(ContentType.JSON).body("{\"name\": \"另一部门\", \"kind\": \"department\","
                + " \"parent\": \"MX-R\"}").put("/api/v1/units/" + OUT).then().statusCode(201);

        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-12s", "endpoint"));
        COLUMNS.forEach(c -> table.append(String.format(" | %-12s", c)));
        int cells = 0;
        int row = 0;
        for (Map.Entry<String, String> spec : EXPECTED.entrySet()) {
            String[] expected = spec.getValue().trim().split("\\s+");
            assertEquals(COLUMNS.size(), expected.length, spec.getKey());
            table.append('\n').append(String.format("%-12s", spec.getKey()));
            row++;
            for (int col = 0; col < COLUMNS.size(); col++) {
                String unit = "MX-" + row + "-" + col;
                prepare(spec.getKey(), unit);
                List<List<String>> before = state(unit);
                Response r = call(spec.getKey(), unit, sender(col));
                int want = Integer.parseInt(expected[col]);
                String problem = check(r, want, before, state(unit));
                if (problem != null) {
                    wrong.add(spec.getKey() + " × " + COLUMNS.get(col) + ": " + problem);
                }
                table.append(String.format(" | %-12s", r.statusCode() + (problem == null ? "" : " (!" + want + ")")));
                cells++;
            }
        }
        System.out.println("access matrix of accounts-service (rows: writes; columns: role × scope; cells: status"
                + " seen):\n" + table + "\n" + cells + " cells checked");

        assertEquals(EXPECTED.size() * COLUMNS.size(), cells);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** Why the answer or what it left stored is wrong, or null. */
    private static String check(Response r, int want, List<List<String>> before, List<List<String>> after) {
        if (r.statusCode() != want) {
            return "answered " + r.statusCode() + ", the specification says " + want + ": " + r.asString();
        }
        if (want >= 400) {
            if (!r.contentType().startsWith("application/problem+json")) {
                return "a refusal must be problem+json, was " + r.contentType();
            }
            return before.equals(after) ? null : "refused, yet stored: " + before + " → " + after;
        }
        return before.equals(after) ? "allowed, yet nothing changed: " + after : null;
    }

    private static RequestSpecification sender(int col) {
        if (col < 2 * ROLES.length) {
            return as(Person.of(ROLES[col / 2], col % 2 == 0 ? IN : OUT));
        }
        return col == 2 * ROLES.length ? given() : given().auth().oauth2(EVERYONE.expiredToken());
    }

    /** The state each write must find for an allowed call to succeed. */
    private void prepare(String endpoint, String unit) {
        if (endpoint.equals("PUT unit")) {
            return;
        }
        as(ROOT_ADMIN).contentType(ContentType.JSON).body(unitBody()).put("/api/v1/units/" + unit).then()
                .statusCode(201);
        if (endpoint.equals("DELETE unit") || endpoint.equals("PUT report")) {
            return;
        }
        // Saved and submitted by the unit's own filler: a subject other than any of the matrix' people.
        Person maker = Person.filler(unit);
        as(maker).contentType(ContentType.JSON).body(SeedFixture.report2023(unit)).put(report(unit)).then()
                .statusCode(201);
        if (endpoint.equals("submit")) {
            return;
        }
        as(maker).contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                .post(report(unit) + "/submit").then().statusCode(200);
    }

    private static Response call(String endpoint, String unit, RequestSpecification r) {
        return switch (endpoint) {
            case "PUT unit" -> r.contentType(ContentType.JSON).body(unitBody()).put("/api/v1/units/" + unit);
            case "DELETE unit" -> r.delete("/api/v1/units/" + unit);
            case "PUT report" -> r.contentType(ContentType.JSON).body(SeedFixture.report2023(unit)).put(report(unit));
            case "submit" -> r.contentType(ContentType.JSON).body("{\"waivers\": " + ReportWorkflowTest.WAIVERS + "}")
                    .post(report(unit) + "/submit");
            case "approve" -> r.contentType(ContentType.JSON).body("{\"reason\": \"审核通过\"}")
                    .post(report(unit) + "/approve");
            case "return" -> r.contentType(ContentType.JSON).body("{\"reason\": \"请更正09表预算数合计\"}")
                    .post(report(unit) + "/return");
            default -> throw new IllegalArgumentException(endpoint);
        };
    }

    /** Everything a write of the unit could change: its node, report, versions, trail, events, audit lines. */
    private List<List<String>> state(String unit) {
        String u = "'" + unit + "'";
        List<List<String>> rows = new ArrayList<>();
        rows.addAll(counts.rows("SELECT code, name, parent_code, revision, removed_at FROM org_node WHERE code = " + u));
        rows.addAll(counts.rows("SELECT revision, state, version, updated_by, UNCOMPRESS(body) FROM unit_report"
                + " WHERE unit_code = " + u));
        rows.addAll(counts.rows("SELECT version, state FROM report_version WHERE unit_code = " + u + " ORDER BY id"));
        rows.addAll(counts.rows("SELECT id, to_state, actor FROM report_transition WHERE unit_code = " + u));
        rows.addAll(counts.rows("SELECT COUNT(*) FROM outbox_event WHERE event_key = " + u));
        rows.addAll(counts.rows("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'done' AND scope_node = " + u));
        return rows;
    }

    private static String unitBody() {
        return "{\"name\": \"矩阵单位\", \"kind\": \"unit\", \"parent\": \"" + IN + "\", \"unitType\": \"参公\"}";
    }

    private static String report(String unit) {
        return "/api/v1/units/" + unit + "/reports/2023";
    }
}
