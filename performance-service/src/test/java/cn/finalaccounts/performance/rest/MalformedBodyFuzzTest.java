package cn.finalaccounts.performance.rest;

import static cn.finalaccounts.testsupport.MalformedBodies.Kind.AMOUNT;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.OPTIONAL_BOOLEAN;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.OPTIONAL_TEXT;
import static cn.finalaccounts.testsupport.MalformedBodies.Kind.TEXT;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.FuzzRun;
import cn.finalaccounts.testsupport.FuzzRun.Hostile;
import cn.finalaccounts.testsupport.HostileRequests;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MalformedBodies;
import cn.finalaccounts.testsupport.MalformedBodies.Endpoint;
import cn.finalaccounts.testsupport.MalformedBodies.Field;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 10's property against performance-service: 3,500 malformed bodies from MalformedBodies' seeded generators on the project,
 * spending and fund endpoints, with issue 20's 1,166 of hostile Unicode text, 700 hostile headers on writes and 233 on
 * reads; every answer a 4xx problem+json, nothing stored. Then 291 identifiers spelt otherwise: never a 5xx.
 * {@code -Dfa.fuzz.seed=…} replays.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class MalformedBodyFuzzTest {
    private static final String PROJECT = """
            {"name": "社保经办机构工作经费", "fundingSource": "本年财政拨款", "initialBudget": "105.00",
             "fullYearBudget": "105.00", "goal": "保证社保机构正常运转",
             "indicators": [{"level1": "产出指标", "level2": "质量指标", "level3": "待遇按时足额发放率", "kind": "定量",
               "direction": "正向", "target": "100", "actual": "100", "weight": "50", "applicable": true}]}""";

    @Inject
    AgroalDataSource dataSource;

    @TestHTTPResource("/")
    URI base;

    @Test
    void noMalformedBodyIsAnsweredWithA5xxOrStoresAnything() throws Exception {
        ProjectResourceTest.knownUnit("FZ-U", false);
        FundResourceTest.knownRegion("FZ-R");
        // One person may write all three endpoints: a filler and admin of FZ-R, with FZ-U's department moved under
        // it. Without the token every body would be refused 401 before it is read, proving nothing.
        try (EventProducer events = new EventProducer()) {
            events.node("FZ-U-D", "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, "FZ-R", 2);
        }
        Person keeper = new Person("keeper@FZ-R", "keeper", "FZ-R", List.of("filler", "admin"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ProjectResourceTest.as(Person.reader("FZ-R"))
                .get("/api/v1/units/FZ-U").then().statusCode(200));
        ProjectResourceTest.as(keeper).contentType(ContentType.JSON).body(PROJECT)
                .put("/api/v1/units/FZ-U/projects/2023/P").then().statusCode(201);
        List<Endpoint> endpoints = List.of(
                new Endpoint("project PUT", "PUT", "/api/v1/units/FZ-U/projects/2023/NEW", PROJECT, List.of(
                        Field.of("/name", TEXT, 200), Field.of("/fundingSource", TEXT, 10),
                        Field.of("/initialBudget", AMOUNT), Field.of("/fullYearBudget", AMOUNT),
                        Field.of("/goal", OPTIONAL_TEXT, 2000), Field.of("/indicators/0/level1", TEXT, 50),
                        Field.of("/indicators/0/level2", TEXT, 50), Field.of("/indicators/0/level3", TEXT, 200),
                        Field.of("/indicators/0/kind", TEXT, 4), Field.of("/indicators/0/direction", TEXT, 4),
                        Field.of("/indicators/0/weight", AMOUNT), Field.of("/indicators/0/applicable", OPTIONAL_BOOLEAN))),
                new Endpoint("spending POST", "POST", "/api/v1/units/FZ-U/projects/2023/P/spending",
                        "{\"date\": \"2023-06-30\", \"amount\": \"1.00\", \"memo\": \"全年支出\"}", List.of(
                        Field.of("/date", TEXT, 10), Field.of("/amount", AMOUNT), Field.of("/memo", OPTIONAL_TEXT, 500))),
                new Endpoint("fund PUT", "PUT", "/api/v1/funds/2023/FZ-R/work-injury",
                        "{\"level\": \"全市\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}", List.of(
                        Field.of("/level", TEXT, 6), Field.of("/totalIncome", AMOUNT), Field.of("/totalExpense", AMOUNT))));
        long seed = Long.getLong("fa.fuzz.seed", 20231231L);
        int count = Integer.getInteger("fa.fuzz.count", 3_500);
        List<MalformedBodies.Malformed> bodies = MalformedBodies.draw(MalformedBodies.of(endpoints), count, seed);
        // Issue 20: hostile text of every Unicode class in every text field (and an unknown one), and hostile headers.
        List<Hostile> hostile = new ArrayList<>(bodies.stream().map(Hostile::of).toList());
        MalformedBodies.draw(MalformedBodies.hostileText(endpoints), count / 3, seed + 1).stream().map(Hostile::of)
                .forEach(hostile::add);
        hostile.addAll(HostileRequests.draw(HostileRequests.headers(endpoints), count / 5, seed + 2));
        hostile.addAll(HostileRequests.draw(HostileRequests.readHeaders(List.of("/api/v1/units/FZ-U/projects/2023",
                "/api/v1/units/FZ-U/projects/2023/P", "/api/v1/funds/2023/FZ-R", "/api/v1/units/FZ-U")), count / 15,
                seed + 3));

        List<Long> before = counts();
        FuzzRun run = FuzzRun.sendRequests(base, hostile, keeper.token());
        System.out.println(run.summary("performance-service", seed));

        assertTrue(run.wrong().isEmpty(), String.join("\n", run.wrong()));
        assertEquals(hostile.size(), run.byStatus().values().stream().mapToInt(Integer::intValue).sum());
        assertEquals(before, counts());

        // Identifiers spelt otherwise: never a 5xx; what is still taken is listed (canonical identifiers are issue
        // 20's other change), and nothing is stored when nothing was taken.
        List<Hostile> identifiers = HostileRequests.draw(HostileRequests.anyOf(
                HostileRequests.identifiers("project unit", "PUT", "/api/v1/units/{id}/projects/2023/NEW", "FZ-U", PROJECT),
                HostileRequests.identifiers("project code", "PUT", "/api/v1/units/FZ-U/projects/2023/{id}", "NEW", PROJECT),
                HostileRequests.identifiers("fund region", "PUT", "/api/v1/funds/2023/{id}/work-injury", "FZ-R",
                        "{\"level\": \"全市\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}"),
                HostileRequests.identifiers("fund", "PUT", "/api/v1/funds/2023/FZ-R/{id}", "work-injury",
                        "{\"level\": \"全市\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}"),
                HostileRequests.identifiers("fund level", "PUT", "/api/v1/funds/2023/FZ-R/work-injury", "431202",
                        "{\"level\": \"{id}\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}"),
                HostileRequests.identifiers("year", "GET", "/api/v1/units/FZ-U/projects/{id}", "2023", null)),
                count / 12, seed + 4);
        List<Long> beforeIdentifiers = counts();
        FuzzRun ids = FuzzRun.sendRequests(base, identifiers, keeper.token());
        System.out.println(ids.summary("performance-service identifiers", seed));
        ids.taken().stream().distinct().limit(40).forEach(t -> System.out.println("identifier still taken: " + t));
        assertTrue(ids.byStatus().keySet().stream().allMatch(status -> status < 500),
                ids.byStatus() + "\n" + String.join("\n", ids.wrong()));
        if (ids.taken().stream().noneMatch(t -> !t.startsWith("200 GET"))) {
            assertEquals(beforeIdentifiers, counts());
        }
        FuzzRun.tally(getClass().getName(), hostile.size() + identifiers.size());
    }

    /** Rows of every table a write can touch, and the project's revision. */
    private List<Long> counts() throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT COUNT(*) FROM project", "SELECT COUNT(*) FROM project_spending",
                    "SELECT COUNT(*) FROM project_indicator", "SELECT COUNT(*) FROM fund_statistics",
                    "SELECT COUNT(*) FROM outbox_event", "SELECT COALESCE(SUM(revision), 0) FROM project")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
