package cn.finalaccounts.performance.rest;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The seed's fund statistics of 怀化市, loaded through the API and checked; and what is refused. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class FundResourceTest {
    @Inject
    AgroalDataSource dataSource;

    /** A request as an admin of the region: the role that keeps its fund statistics. */
    static RequestSpecification admin(String region) {
        return ProjectResourceTest.as(Person.admin(region));
    }

    static void knownRegion(String region) {
        try (EventProducer events = new EventProducer()) {
            events.node(region, "怀化市", NodeKind.REGION, null, 1);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> ProjectResourceTest.as(Person.reader(region))
                .get("/api/v1/units/" + region).then().statusCode(200));
    }

    static void loadSeedFunds(String region) throws Exception {
        JsonNode demo = new ObjectMapper().readTree(Path.of("../deploy/demo/funds/2023/431200.json").toFile());
        for (Iterator<Map.Entry<String, JsonNode>> it = demo.get("funds").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> fund = it.next();
            for (JsonNode level : fund.getValue()) {
                admin(region).contentType(ContentType.JSON).body(level.toString())
                        .put("/api/v1/funds/2023/" + region + "/" + fund.getKey()).then().statusCode(201);
            }
        }
    }

    @Test
    void theSeedsFundStatisticsAreKeptAndPassTheirChecks() throws Exception {
        knownRegion("F1-431200");
        loadSeedFunds("F1-431200");

        admin("F1-431200").get("/api/v1/funds/2023/F1-431200/enterprise-pension").then().statusCode(200)
                .body("fundLabel", equalTo("企业职工基本养老保险"))
                .body("levels.level", contains("全市", "市本级"))
                .body("levels[0].insured", equalTo("60.00"))
                .body("levels[0].active", equalTo("42.64"))
                .body("levels[0].balance", equalTo("46285.00"))
                .body("activeLabel", equalTo("在职"))
                .body("findings", empty());
        admin("F1-431200").get("/api/v1/funds/2023/F1-431200/occupational-annuity").then()
                .body("activeLabel", equalTo("缴费")).body("retiredLabel", equalTo("发放"))
                .body("benefitLabel", equalTo("上解上级支出"))
                .body("levels[1].benefitExpense", equalTo("13947.00"));
        admin("F1-431200").get("/api/v1/funds/2023/F1-431200").then().statusCode(200)
                .body("fund", contains("enterprise-pension", "occupational-annuity", "public-pension", "work-injury"));
    }

    @Test
    void aPartLargerThanTheWholeAndABalanceThatDoesNotCarryOverAreWarned() {
        knownRegion("F2-R");
        put("F2-R", 2022, "work-injury", "{\"level\": \"全市\", \"insured\": \"58.00\", \"totalIncome\": \"40000\","
                + " \"totalExpense\": \"38000\", \"balance\": \"40000\"}");
        put("F2-R", 2023, "work-injury", "{\"level\": \"全市\", \"insured\": \"58.41\", \"totalIncome\": \"46874\","
                + " \"premiumIncome\": \"19941\", \"totalExpense\": \"85766\", \"benefitExpense\": \"22433\", \"balance\": \"1320\"}");
        put("F2-R", 2023, "work-injury", "{\"level\": \"市本级\", \"insured\": \"60.00\", \"totalIncome\": \"20955\","
                + " \"totalExpense\": \"57909\", \"balance\": \"383\"}");

        admin("F2-R").get("/api/v1/funds/2023/F2-R/work-injury").then()
                .body("findings.rule", contains("E2", "E1"))
                .body("findings[0].level", equalTo("市本级"))
                .body("findings[0].figure", equalTo("参保人数"))
                .body("findings[0].expected", equalTo("≤ 58.41"))
                // 40000 + 46874 − 85766 = 1108, not the 1320 reported.
                .body("findings[1].expected", equalTo("1108.00"))
                .body("findings[1].value", equalTo("1320.00"))
                .body("levels[0].yearOverYear.insured.change", equalTo("0.41"))
                .body("levels[0].yearOverYear.totalIncome.percent", equalTo("17.19"));
    }

    @Test
    void inconsistentOrUnknownInputIsRefusedAndNothingIsStored() throws Exception {
        knownRegion("F3-R");
        long before = count();

        admin("F3-R").contentType(ContentType.JSON).body("{\"level\": \"全市\", \"insured\": \"61.00\", \"active\": \"42.64\","
                        + " \"retired\": \"17.36\", \"totalIncome\": \"860768\", \"premiumIncome\": \"900000\","
                        + " \"totalExpense\": 865753}")
                .put("/api/v1/funds/2023/F3-R/enterprise-pension").then().statusCode(422)
                .body("violations.field", contains("totalExpense", "insured", "premiumIncome"))
                .body("violations[1].reason", containsString("≠ 在职 42.64 + 退休 17.36"));
        admin("F3-R").contentType(ContentType.JSON).body("{\"level\": \"全省\", \"totalIncome\": \"1\", \"totalExpense\": \"1\"}")
                .put("/api/v1/funds/2023/F3-R/work-injury").then().statusCode(422).body("violations[0].field", equalTo("level"));
        admin("F3-R").contentType(ContentType.JSON).body("{\"level\": \"全市\", \"totalIncome\": \"1\", \"totalExpense\": \"1\"}")
                .put("/api/v1/funds/2023/F3-R/unemployment").then().statusCode(422).body("violations[0].field", equalTo("fund"));
        admin("F3-R").contentType(ContentType.JSON).body("{\"level\": \"全市\", \"totalIncome\": \"1\", \"totalExpense\": \"1\"}")
                .put("/api/v1/funds/2023/NOWHERE/work-injury").then().statusCode(403);
        assertEquals(before, count());
        admin("F3-R").get("/api/v1/funds/2023/F3-R/work-injury").then().statusCode(404);
    }

    private static void put(String region, int year, String fund, String body) {
        admin(region).contentType(ContentType.JSON).body(body).put("/api/v1/funds/" + year + "/" + region + "/" + fund)
                .then().statusCode(201);
    }

    private long count() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM fund_statistics")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
