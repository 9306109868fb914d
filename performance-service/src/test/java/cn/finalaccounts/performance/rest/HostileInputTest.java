package cn.finalaccounts.performance.rest;

import static cn.finalaccounts.performance.rest.FundResourceTest.admin;
import static cn.finalaccounts.performance.rest.ProjectResourceTest.filler;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's outside fuzz against performance-service: a project name that is only a NUL (or holds controls or only
 * invisible characters) and a fund statistic for a county that is not in the tree were stored; each is now a 422
 * naming the field, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class HostileInputTest {
    private static final String PROBLEM = "application/problem+json";

    @Inject
    AgroalDataSource dataSource;

    @Test
    void aProjectNameOfANulOrOfInvisibleCharactersOnlyIsRefusedNamingIt() throws Exception {
        ProjectResourceTest.knownUnit("HP1-U", false);
        List<Long> before = counts();
        for (String name : List.of("\\u0000", "a\\u0000", "\\u200b", "\\ufeff\\u2060", "\\u3000", "a\\u0007b", "a\\u009bb",
                "a\\nb", "a\\ue000b", "a\\uffffb")) {
            filler("HP1-U").contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"fundingSource\": \"本年财政拨款\","
                            + " \"initialBudget\": \"105.00\", \"fullYearBudget\": \"105.00\"}")
                    .put("/api/v1/units/HP1-U/projects/2023/P").then().statusCode(422).contentType(PROBLEM)
                    .body("violations[0].field", equalTo("name"));
        }
        // A memo may run over lines, but holds no other control.
        filler("HP1-U").contentType(ContentType.JSON).body("{\"name\": \"社保经办机构工作经费\", \"fundingSource\": \"本年财政拨款\","
                + " \"initialBudget\": \"105.00\", \"fullYearBudget\": \"105.00\"}")
                .put("/api/v1/units/HP1-U/projects/2023/P").then().statusCode(201);
        before = counts();
        filler("HP1-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"1.00\", \"memo\": \"a\\u0000\"}")
                .post("/api/v1/units/HP1-U/projects/2023/P/spending").then().statusCode(422).contentType(PROBLEM)
                .body("violations[0].field", equalTo("memo"));
        assertEquals(before, counts());
        filler("HP1-U").contentType(ContentType.JSON).body("{\"date\": \"2023-06-30\", \"amount\": \"1.00\", \"memo\": \"一行\\n二行\"}")
                .post("/api/v1/units/HP1-U/projects/2023/P/spending").then().statusCode(201);
    }

    @Test
    void aFundStatisticOfACountyThatIsNotInTheTreeIsRefusedNamingTheLevel() throws Exception {
        FundResourceTest.knownRegion("HP2-R");
        List<Long> before = counts();
        for (String county : List.of("999999", "431202")) {
            admin("HP2-R").contentType(ContentType.JSON)
                    .body("{\"level\": \"" + county + "\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}")
                    .put("/api/v1/funds/2023/HP2-R/work-injury").then().statusCode(422).contentType(PROBLEM)
                    .body("violations[0].field", equalTo("level"))
                    .body("violations[0].reason", containsString(county));
        }
        // A county of another region, or a node of another kind, is no county of this one.
        try (EventProducer events = new EventProducer()) {
            events.node("HP2-O", "另一市", NodeKind.REGION, null, 1);
            events.node("431299", "另一县", NodeKind.REGION, "HP2-O", 1);
            events.node("431298", "一个部门", NodeKind.DEPARTMENT, "HP2-R", 1);
            events.node("431202", "鹤城区", NodeKind.REGION, "HP2-R", 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ProjectResourceTest.as(Person.reader("HP2-R"))
                .get("/api/v1/units/431202").then().statusCode(200));
        for (String county : List.of("431299", "431298")) {
            admin("HP2-R").contentType(ContentType.JSON)
                    .body("{\"level\": \"" + county + "\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}")
                    .put("/api/v1/funds/2023/HP2-R/work-injury").then().statusCode(422)
                    .body("violations[0].field", equalTo("level"));
        }
        assertEquals(before, counts());
        admin("HP2-R").contentType(ContentType.JSON)
                .body("{\"level\": \"431202\", \"totalIncome\": \"1.00\", \"totalExpense\": \"1.00\"}")
                .put("/api/v1/funds/2023/HP2-R/work-injury").then().statusCode(201);
    }

    private List<Long> counts() throws Exception {
        List<Long> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (String sql : List.of("SELECT COUNT(*) FROM project", "SELECT COUNT(*) FROM project_spending",
                    "SELECT COUNT(*) FROM fund_statistics", "SELECT COUNT(*) FROM outbox_event")) {
                try (ResultSet rs = s.executeQuery(sql)) {
                    rs.next();
                    out.add(rs.getLong(1));
                }
            }
        }
        return out;
    }
}
