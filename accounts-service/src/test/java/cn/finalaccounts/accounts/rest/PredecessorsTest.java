package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A unit formed in 2024 by merging two others (as the seed's unit was formed from 原市社会保险服务中心 and
 * 原市工伤保险服务中心): its 2024 report is compared with the sum of their 2023 reports — the cross-year 审核公式
 * and the 情况说明's 比上年 sentences alike (docs/years.md).
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class PredecessorsTest {
    private static final String NEW = "PD-NEW";

    @Inject
    TableCounts counts;

    @BeforeEach
    void twoUnitsWithTheir2023ReportsAndTheUnitFormedFromThem() throws IOException {
        if (counts.count("SELECT COUNT(*) FROM org_node WHERE code = 'PD-R'") == 0) {
            SeedFixture.registerTree("PD-R", "PD-D", NEW);
            for (String old : List.of("PD-OLD1", "PD-OLD2")) {
                as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("name", "原" + old, "kind", "unit",
                        "parent", "PD-D", "unitType", "事业")).put("/api/v1/units/" + old).then().statusCode(201);
            }
            save("PD-OLD1", 2023, report("PD-OLD1", 2023, "100.00", "0.10", null));
            save("PD-OLD2", 2023, report("PD-OLD2", 2023, "50.00", "0.06", null));
        }
        // 2024 is opened here as YearResourceTest opens it (the same files: 201 or, opened already, 200).
        as(Person.operator()).contentType(ContentType.JSON).body(Map.of("lists", Map.of("functional",
                bundled("functional") + "22006,款,耕地保护考核奖惩基金支出,220,high,\n"))).put("/api/v1/years/2024")
                .then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    @Test
    void aMergedUnitsFirstYearIsComparedWithItsPredecessorsAddedUp() {
        as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("predecessors", List.of(
                Map.of("unit", "PD-OLD1", "relation", "merged", "since", 2024),
                Map.of("unit", "PD-OLD2", "relation", "merged", "since", 2024))))
                .put("/api/v1/units/" + NEW + "/predecessors").then().statusCode(200)
                .body("predecessors.unit", contains("PD-OLD1", "PD-OLD2"));

        // 年初结转和结余 0.17 against the predecessors' 年末 0.10 + 0.06: off by 0.01, an error.
        save(NEW, 2024, report(NEW, 2024, "165.00", null, "0.17"));
        as(Person.reader("PD-D")).get(findings()).then().statusCode(200)
                .body("findings.find { it.rule == 'C1' }.severity", equalTo("error"))
                .body("findings.find { it.rule == 'C1' }.printed", equalTo("0.17"))
                .body("findings.find { it.rule == 'C1' }.expected", equalTo("0.16"))
                .body("findings.find { it.rule == 'C1' }.difference", equalTo("0.01"));
        // Carried forward exactly: no finding of C1 at all.
        save(NEW, 2024, report(NEW, 2024, "165.00", null, "0.16"));
        as(Person.reader("PD-D")).get(findings()).then().statusCode(200)
                .body("findings.rule", not(hasItem("C1")));
        // 比上年 against 100.00 + 50.00.
        as(Person.reader("PD-D")).get("/api/v1/units/" + NEW + "/reports/2024/narrative").then().statusCode(200)
                .body("sections[0].text", equalTo("2024年度收、支总计165.00万元，比上年增加15.00万元，增长10.00%，"
                        + "主要原因是【待补：增减变化的原因】。"));
        as(Person.reader("PD-D")).get("/api/v1/units/" + NEW + "/predecessors").then().statusCode(200)
                .body("predecessors.relation", contains("merged", "merged"))
                .body("predecessors.since", contains(2024, 2024));
    }

    @Test
    void withoutPredecessorsOrWhenSplitTheRuleAcrossYearsSaysItDidNotRun() {
        for (List<Map<String, Object>> list : List.<List<Map<String, Object>>>of(List.of(),
                List.of(Map.of("unit", "PD-OLD1", "relation", "split", "since", 2024)))) {
            as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("predecessors", list))
                    .put("/api/v1/units/" + NEW + "/predecessors").then().statusCode(200);
            save(NEW, 2024, report(NEW, 2024, "165.00", null, list.isEmpty() ? "0.16" : "0.15"));

            as(Person.reader("PD-D")).get(findings()).then().statusCode(200)
                    .body("findings.find { it.rule == 'C1' }.severity", equalTo("info"))
                    .body("findings.find { it.rule == 'C1' }.messageZh", equalTo("未核对：上年没有本单位（或其前身单位）的"
                            + "决算报告，新成立单位无上年比较数据（01表 年初结转和结余 = 上年 年末结转和结余（调整须说明））"));
            as(Person.reader("PD-D")).get("/api/v1/units/" + NEW + "/reports/2024/narrative").then()
                    .body("sections[0].text", equalTo("2024年度收、支总计165.00万元。"));
        }
    }

    @Test
    void aListThatIsNoListOfUnitsIsRefusedWholeAndOnlyAnAdminOfBothMayWriteIt() {
        as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("predecessors", List.of(
                Map.of("unit", "PD-OLD1", "relation", "merged", "since", 2024)))).put(url()).then().statusCode(200);
        long trail = counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'unit.predecessors'");

        as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("predecessors", List.of(
                Map.of("unit", NEW, "relation", "merged", "since", 2024),
                Map.of("unit", "PD-D", "relation", "merged", "since", 2024),
                Map.of("unit", "NO-SUCH-UNIT", "relation", "merged", "since", 2024),
                Map.of("unit", "PD-OLD2", "relation", "taken over", "since", 1999),
                Map.of("unit", "PD-OLD2", "relation", "split", "since", 2024)))).put(url()).then().statusCode(422)
                .body("violations.field", contains("predecessors[0].unit", "predecessors[1].unit",
                        "predecessors[2].unit", "predecessors[3].relation", "predecessors[3].since",
                        "predecessors[4].unit"));
        as(Person.admin("PD-R")).contentType(ContentType.JSON).body("{\"predecessors\": [null]}").put(url()).then()
                .statusCode(422).body("violations[0].field", equalTo("predecessors[0]"));
        as(Person.admin("PD-R")).contentType(ContentType.JSON).body("{}").put(url()).then().statusCode(422)
                .body("violations[0].field", equalTo("predecessors"));
        // A unit may not name as predecessor a unit that names it.
        as(Person.admin("PD-R")).contentType(ContentType.JSON).body(Map.of("predecessors", List.of(
                Map.of("unit", NEW, "relation", "merged", "since", 2024)))).put("/api/v1/units/PD-OLD1/predecessors")
                .then().statusCode(422).body("violations[0].reason", equalTo(NEW + " names PD-OLD1 as its own predecessor"));
        for (Person p : new Person[] {Person.filler(NEW), Person.reviewer("PD-D"), Person.reader("PD-R"),
                Person.admin("SOMEWHERE-ELSE")}) {
            as(p).contentType(ContentType.JSON).body(Map.of("predecessors", List.of())).put(url()).then()
                    .statusCode(403);
        }
        given().contentType(ContentType.JSON).body(Map.of("predecessors", List.of())).put(url()).then()
                .statusCode(401);

        assertEquals(trail, counts.count("SELECT COUNT(*) FROM audit_entry WHERE action = 'unit.predecessors'"));
        as(Person.reader("PD-D")).get(url()).then().statusCode(200).body("predecessors.unit", contains("PD-OLD1"));
        as(Person.reader("PD-D")).get("/api/v1/units/PD-D/predecessors").then().statusCode(422);
        as(Person.reader("PD-D")).get("/api/v1/units/PD-OLD2/predecessors").then().statusCode(200)
                .body("predecessors", empty());
    }

    private static String url() {
        return "/api/v1/units/" + NEW + "/predecessors";
    }

    private static String findings() {
        return "/api/v1/units/" + NEW + "/reports/2024/findings";
    }

    private static void save(String unit, int year, String body) {
        as(Person.filler(unit)).contentType(ContentType.JSON).body(body)
                .put("/api/v1/units/" + unit + "/reports/" + year).then().statusCode(anyOf(equalTo(200), equalTo(201)));
    }

    /** 01表: 收支总计 both, and 年末 (col 2) or 年初 (col 1) 结转和结余. */
    private static String report(String unit, int year, String total, String closing, String opening) {
        return "{\"unit\": \"" + unit + "\", \"year\": " + year + ", \"amountUnit\": \"万元\", \"tables\": [{\"table\":"
                + " \"01\", \"cells\": [{\"row\": \"income_grand_total\", \"col\": \"1\", \"amount\": \"" + total + "\"},"
                + " {\"row\": \"expense_grand_total\", \"col\": \"2\", \"amount\": \"" + total + "\"}"
                + (closing == null ? "" : ", {\"row\": \"closing_balance\", \"col\": \"2\", \"amount\": \"" + closing
                        + "\"}")
                + (opening == null ? "" : ", {\"row\": \"opening_balance\", \"col\": \"1\", \"amount\": \"" + opening
                        + "\"}")
                + "]}]}";
    }

    private static String bundled(String classification) throws IOException {
        try (InputStream in = PredecessorsTest.class.getResourceAsStream("/fiscal/2023/" + classification + ".csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
