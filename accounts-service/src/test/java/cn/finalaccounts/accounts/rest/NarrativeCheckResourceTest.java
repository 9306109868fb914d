package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * POST …/narrative/check: the seed's own 情况说明 against the seed report gives exactly N1–N6 of seed-findings.md,
 * for anyone who may read the report; hostile bodies are refused with a problem+json 4xx naming the field.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class NarrativeCheckResourceTest {
    static final String PATH = "/api/v1/units/N13-U/reports/2023/narrative/check";
    static final String TEXT = "text/plain; charset=UTF-8";
    /** Quarkus keeps one application (and database) for the test run: the tree is registered once. */
    static boolean seeded;

    /** The seed's 情况说明 as published, kept once, beside fiscal-core's test of the check. */
    static String seedText() throws IOException {
        return Files.readString(Path.of("../fiscal-core/src/test/resources/narrative/HH-RSJ-YLGS-2023-qingkuang.txt"),
                StandardCharsets.UTF_8);
    }

    static void ensureSeeded() {
        if (!seeded) {
            SeedFixture.registerTree("N13-R", "N13-D", "N13-U");
            as(Person.filler("N13-U")).contentType(ContentType.JSON).body(SeedFixture.report2023("N13-U"))
                    .put("/api/v1/units/N13-U/reports/2023").then().statusCode(201);
            seeded = true;
        }
    }

    @Test
    void theSeedNarrativeGivesExactlyN1ToN6() throws IOException {
        ensureSeeded();
        JsonPath r = as(Person.reader("N13-D")).contentType(TEXT).body(seedText().getBytes(StandardCharsets.UTF_8))
                .post(PATH).then().statusCode(200).contentType(ContentType.JSON).extract().jsonPath();

        List<Map<String, Object>> findings = r.getList("findings");
        assertEquals(List.of(
                "NC08 warning 97.32% 97.31 0.01",         // N1
                "NC11 error 695.72万元 695.12 0.60",       // N6, confirms S1
                "NC12 warning 618.13万元 618.14 -0.01",    // N2
                "NC15 error 1.2万元 8.03 -6.83",           // N3
                "NC20 warning 63.52万元 77.58 -14.06",     // N5 (参公 unit)
                "NC14 error 77.74万元 77.58 0.16"),        // N4
                findings.stream().map(f -> f.get("rule") + " " + f.get("severity") + " " + f.get("figure") + " "
                        + f.get("expected") + " " + f.get("difference")).toList());
        assertEquals("公开09表 · “三公”经费 · 预算数 合计", r.getString("findings[3].cells[0].label"));
        assertEquals(74, r.getInt("counts.matched"));
        assertEquals(67, r.getInt("counts.withinTolerance"));
        assertEquals(6, r.getInt("counts.findings"));
        assertEquals(r.getInt("counts.figures"), r.getInt("counts.matched") + r.getInt("counts.unplaced"));
        assertEquals("695.12", r.getString("matched.find { it.rule == 'NC11' }.tableValue"));
    }

    @Test
    void aJsonBodyIsTheSameCheck() {
        ensureSeeded();
        as(Person.filler("N13-U")).contentType(ContentType.JSON)
                .body(Map.of("text", "2023年度财政拨款基本支出695.72万元，其中："))
                .post(PATH).then().statusCode(200)
                .body("findings", hasSize(1))
                .body("findings[0].rule", equalTo("NC11"))
                .body("findings[0].expected", equalTo("695.12"))
                .body("findings[0].difference", equalTo("0.60"))
                .body("counts.matched", equalTo(1));
    }

    @Test
    void aCallerOutsideTheUnitsScopeIsRefused() {
        ensureSeeded();
        as(Person.reader("ELSEWHERE")).contentType(TEXT).body("收入合计901.39万元。").post(PATH).then().statusCode(403)
                .contentType("application/problem+json");
        given().contentType(TEXT).body("收入合计901.39万元。").post(PATH).then().statusCode(401);
    }

    @Test
    void aUnitWithoutAReportIs404() {
        ensureSeeded();
        as(Person.filler("N13-U")).contentType(TEXT).body("收入合计901.39万元。")
                .post("/api/v1/units/N13-U/reports/2022/narrative/check").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void emptyTextIsRefusedNamingTheBody() {
        ensureSeeded();
        as(Person.filler("N13-U")).contentType(TEXT).body(" \n ").post(PATH).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("$"))
                .body("violations[0].reason", containsString("empty"));
        as(Person.filler("N13-U")).contentType(ContentType.JSON).body("{\"text\": \"\"}").post(PATH).then().statusCode(422)
                .body("violations[0].field", equalTo("text"));
        as(Person.filler("N13-U")).contentType(ContentType.JSON).body("{\"txt\": \"收入合计901.39万元\"}").post(PATH).then()
                .statusCode(422).body("violations[0].field", equalTo("text"));
        as(Person.filler("N13-U")).contentType(ContentType.JSON).body("{\"text\": ").post(PATH).then()
                .statusCode(422).contentType("application/problem+json");
    }

    @Test
    void aMegabyteOfTextIsRefusedAsTooLarge() {
        ensureSeeded();
        byte[] big = "收入合计901.39万元。".repeat(1024 * 1024 / 25 + 1).getBytes(StandardCharsets.UTF_8);
        as(Person.filler("N13-U")).contentType(TEXT).body(big).post(PATH).then().statusCode(413)
                .contentType("application/problem+json");
    }

    @Test
    void binaryIsRefusedAsNotText() {
        ensureSeeded();
        byte[] binary = new byte[4096];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 37 + 11);
        }
        as(Person.filler("N13-U")).contentType(TEXT).body(binary).post(PATH).then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].reason", containsString("UTF-8"));
        as(Person.filler("N13-U")).contentType(TEXT).body("收入合计\u0000901.39万元".getBytes(StandardCharsets.UTF_8))
                .post(PATH).then().statusCode(422).body("violations[0].reason", containsString("control character"));
        as(Person.filler("N13-U")).contentType("application/octet-stream").body(binary).post(PATH).then().statusCode(415);
    }
}
