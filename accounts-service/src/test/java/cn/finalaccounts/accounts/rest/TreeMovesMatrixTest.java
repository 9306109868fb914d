package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Every tree operation of accounts-service against every role and every place in the tree (issue 20: an admin
 * carried its own region out of its superiors' reach by re-registering it without a parent, and became an operator
 * of the whole service). Each cell gets a tree of its own, built by a keeper who is admin and operator at its root:
 * <pre>
 *   R (region, a root) ─ C (region) ─ D (department)
 *                      └ C2 (region) ─ D2 (department)
 *   X (region, another root)          N: a code the tree does not hold
 * </pre>
 * "in" is C (the node whose subtree the operations mostly touch), "out" its sibling C2; the admins are placed above
 * (R), in (C), beside (C2), below (D), in another tree (X), and at N, which is in no tree. The operator has no node.
 * The expected answers are written out as the specification (not derived from Permission). A refused cell must be
 * problem+json, leave the cell's nodes, their events and their done audit lines as they were, and (403) add one
 * refused line to the audit trail naming the caller.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class TreeMovesMatrixTest {
    private static final List<String> COLUMNS = List.of("filler in", "filler out", "reviewer in", "reviewer out",
            "reader in", "reader out", "admin R", "admin C", "admin C2", "admin D", "admin X", "admin N", "operator",
            "no token", "expired");

    /** One tree operation: its request, given the cell's node codes (prefix + letter). */
    private record Operation(String name, Function<String, String> target, String method, Function<String, String> body,
            String expected) {
    }

    private static final List<Operation> OPERATIONS = new ArrayList<>();

    static {
        //                                                   fill    rev     read    admin                   op  none exp
        //                                                   in out  in out  in out  R   C   C2  D   X   N
        op("create under C", p -> p + "D3", "PUT", p -> dept("新部门", p + "C"),
                "403 403 403 403 403 403 201 201 403 403 403 403 403 401 401");
        op("rename D", p -> p + "D", "PUT", p -> dept("改名的部门", p + "C"),
                "403 403 403 403 403 403 200 200 403 200 403 403 403 401 401");
        op("move D out of C", p -> p + "D", "PUT", p -> dept("部门", p + "C2"),
                "403 403 403 403 403 403 200 403 403 403 403 403 403 401 401");
        op("pull D2 into C", p -> p + "D2", "PUT", p -> dept("部门", p + "C"),
                "403 403 403 403 403 403 200 403 403 403 403 403 403 401 401");
        op("make C a root", p -> p + "C", "PUT", p -> region("县", null),
                "403 403 403 403 403 403 403 403 403 403 403 403 200 401 401");
        op("make D a root", p -> p + "D", "PUT", p -> dept("部门", null),
                "403 403 403 403 403 403 403 403 403 403 403 403 422 401 401");
        op("hang root X under C", p -> p + "X", "PUT", p -> region("另一市", p + "C"),
                "403 403 403 403 403 403 403 403 403 403 403 403 200 401 401");
        op("rename root R", p -> p + "R", "PUT", p -> region("怀化市（更名）", null),
                "403 403 403 403 403 403 200 403 403 403 403 403 200 401 401");
        op("create root N", p -> p + "N", "PUT", p -> region("新市", null),
                "403 403 403 403 403 403 403 403 403 403 403 403 201 401 401");
        op("remove D", p -> p + "D", "DELETE", p -> null,
                "403 403 403 403 403 403 200 200 403 403 403 403 403 401 401");
        op("remove root X", p -> p + "X", "DELETE", p -> null,
                "403 403 403 403 403 403 403 403 403 403 403 403 200 401 401");
    }

    private static final Person OPERATOR = new Person("operator@platform", "platform-operator", null,
            List.of("operator"));

    @Inject
    TableCounts counts;

    @Test
    void everyTreeOperationAgainstEveryRoleAndPlaceInTheTree() {
        List<String> wrong = new ArrayList<>();
        StringBuilder table = new StringBuilder(String.format("%-20s", "operation"));
        COLUMNS.forEach(c -> table.append(String.format("|%-9s", c.length() > 9 ? c.substring(0, 9) : c)));
        int cells = 0;
        for (int row = 0; row < OPERATIONS.size(); row++) {
            Operation op = OPERATIONS.get(row);
            String[] expected = op.expected().trim().split("\\s+");
            assertEquals(COLUMNS.size(), expected.length, op.name());
            String[] seen = new String[expected.length];
            // The refused cells share one tree (each must leave it as it was, which is checked); every allowed cell
            // gets a fresh one.
            String shared = "TM" + row + "-";
            tree(shared);
            for (int pass = 0; pass < 2; pass++) {
                for (int col = 0; col < COLUMNS.size(); col++) {
                    int want = Integer.parseInt(expected[col]);
                    if ((want >= 400) != (pass == 0)) {
                        continue;
                    }
                    String p = pass == 0 ? shared : "TM" + row + "-" + col + "-";
                    if (pass == 1) {
                        tree(p);
                    }
                    String problem = cell(op, col, p, want);
                    if (problem.startsWith("!")) {
                        wrong.add(op.name() + " × " + COLUMNS.get(col) + ": " + problem.substring(1));
                    }
                    seen[col] = problem.startsWith("!") ? problem.substring(1, 4) + "!" + want : problem;
                    cells++;
                }
            }
            table.append('\n').append(String.format("%-20s", op.name()));
            for (String s : seen) {
                table.append(String.format("|%-9s", s));
            }
        }
        System.out.println("tree operations of accounts-service (rows: operations; columns: role × place; cells:"
                + " status seen):\n" + table + "\n" + cells + " cells checked");

        assertEquals(OPERATIONS.size() * COLUMNS.size(), cells);
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void anAdminCannotCarryItsOwnRegionOutOfItsSuperiorsReachAndTheRefusalSaysWhy() {
        String p = "TMO-";
        tree(p);
        Person cityAdmin = Person.admin(p + "C");
        List<List<String>> before = state(p);
        as(cityAdmin).contentType(ContentType.JSON).body(region("县", null)).put("/api/v1/units/" + p + "C").then()
                .statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("operator"));
        as(Person.admin(p + "D")).contentType(ContentType.JSON).body(dept("部门", p + "C2"))
                .put("/api/v1/units/" + p + "D").then().statusCode(403)
                .body("detail", containsString("its own node"));
        as(Person.admin(p + "D")).delete("/api/v1/units/" + p + "D").then().statusCode(403)
                .body("detail", containsString("its own node"));
        assertEquals(before, state(p));
        // The superior still sees it where it was.
        as(Person.reader(p + "R")).get("/api/v1/units/" + p + "C").then().statusCode(200);
    }

    @Test
    void operatingTheServiceNeedsTheOperatorRoleNotAPlaceInTheTreeAndARemovedRootConfersNothing() {
        String p = "TMP-";
        tree(p);
        // A root that was removed: its admin once was "at a root".
        as(keeper(p + "Z")).contentType(ContentType.JSON).body(region("撤销的市", null)).put("/api/v1/units/" + p + "Z")
                .then().statusCode(201);
        as(keeper(p + "Z")).delete("/api/v1/units/" + p + "Z").then().statusCode(200);
        long published = counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'snapshot.publish'");

        for (Person admin : List.of(Person.admin(p + "Z"), Person.admin(p + "R"), Person.admin(p + "N"))) {
            as(admin).post("/api/v1/admin/snapshot").then().statusCode(403).contentType("application/problem+json")
                    .body("detail", containsString("OPERATE needs role operator"));
        }
        assertEquals(published, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'snapshot.publish'"));
        as(OPERATOR).post("/api/v1/admin/snapshot").then().statusCode(200);
        assertEquals(published + 1, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'snapshot.publish'"));
    }

    /** Sends the cell's request; answers the status seen, or "!" and why the answer or what it left is wrong. */
    private String cell(Operation op, int col, String p, int want) {
        Person sender = sender(col, p);
        String target = op.target().apply(p);
        List<List<String>> before = state(p);
        long refusedBefore = refusals(sender, target);
        RequestSpecification r = sender == null ? given()
                : col == COLUMNS.size() - 1 ? given().auth().oauth2(sender.expiredToken()) : as(sender);
        String body = op.body().apply(p);
        if (body != null) {
            r = r.contentType(ContentType.JSON).body(body);
        }
        Response answer = r.request(op.method(), "/api/v1/units/" + target);
        String problem = check(answer, want, before, state(p));
        if (problem == null && want == 403 && refusals(sender, target) != refusedBefore + 1) {
            problem = "refused, but the audit trail has no refused line of " + sender.username() + " for " + target;
        }
        return problem == null ? String.valueOf(answer.statusCode()) : "!" + answer.statusCode() + " " + problem;
    }

    private static void op(String name, Function<String, String> target, String method, Function<String, String> body,
            String expected) {
        OPERATIONS.add(new Operation(name, target, method, body, expected));
    }

    /** The cell's own tree, registered by keepers who are admin and operator at its two roots. */
    private static void tree(String p) {
        put(keeper(p + "R"), p + "R", region("怀化市", null), 201);
        put(keeper(p + "R"), p + "C", region("鹤城区", p + "R"), 201);
        put(keeper(p + "R"), p + "D", dept("人社局", p + "C"), 201);
        put(keeper(p + "R"), p + "C2", region("中方县", p + "R"), 201);
        put(keeper(p + "R"), p + "D2", dept("教育局", p + "C2"), 201);
        put(keeper(p + "X"), p + "X", region("邵阳市", null), 201);
    }

    private static Person keeper(String node) {
        return new Person("keeper@" + node, "keeper-" + node, node, List.of("admin", "operator"));
    }

    private static Person everyone(String p) {
        return new Person("everyone@" + p + "R", "everyone", p + "R", List.of("filler", "reviewer", "admin", "reader",
                "operator"));
    }

    private static void put(Person who, String code, String body, int status) {
        as(who).contentType(ContentType.JSON).body(body).put("/api/v1/units/" + code).then().statusCode(status);
    }

    /** The person of a column in the cell's tree; null for the column without a token. */
    private static Person sender(int col, String p) {
        return switch (col) {
            case 0 -> Person.filler(p + "C");
            case 1 -> Person.filler(p + "C2");
            case 2 -> Person.reviewer(p + "C");
            case 3 -> Person.reviewer(p + "C2");
            case 4 -> Person.reader(p + "C");
            case 5 -> Person.reader(p + "C2");
            case 6 -> Person.admin(p + "R");
            case 7 -> Person.admin(p + "C");
            case 8 -> Person.admin(p + "C2");
            case 9 -> Person.admin(p + "D");
            case 10 -> Person.admin(p + "X");
            case 11 -> Person.admin(p + "N");
            case 12 -> OPERATOR;
            case 13 -> null;
            default -> everyone(p);
        };
    }

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

    /** The cell's nodes, their events and the done lines of the audit trail. */
    private List<List<String>> state(String p) {
        String like = "'" + p + "%'";
        List<List<String>> rows = new ArrayList<>(counts.rows("SELECT code, name, parent_code, revision, removed_at"
                + " FROM org_node WHERE code LIKE " + like + " ORDER BY code"));
        rows.addAll(counts.rows("SELECT COUNT(*) FROM outbox_event WHERE event_key LIKE " + like));
        rows.addAll(counts.rows("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'done' AND resource LIKE 'units/"
                + p + "%'"));
        return rows;
    }

    private long refusals(Person who, String target) {
        return who == null ? 0 : counts.count("SELECT COUNT(*) FROM audit_entry WHERE outcome = 'refused'"
                + " AND subject = '" + who.subject() + "' AND resource = 'units/" + target + "'");
    }

    private static String dept(String name, String parent) {
        return node(name, "department", parent);
    }

    private static String region(String name, String parent) {
        return node(name, "region", parent);
    }

    private static String node(String name, String kind, String parent) {
        StringBuilder json = new StringBuilder("{\"name\": \"" + name + "\", \"kind\": \"" + kind + "\"");
        if (parent != null) {
            json.append(", \"parent\": \"").append(parent).append('"');
        }
        return json.append('}').toString();
    }
}
