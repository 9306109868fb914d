package cn.finalaccounts.aggregation;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import cn.finalaccounts.workbook.WorkbookReader;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A department's 汇总 as an Excel workbook (部门决算汇总): the figures of its JSON, values only, findings last. */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class SummaryWorkbookTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    private final EventProducer events = new EventProducer();

    @AfterEach
    void close() {
        events.close();
    }

    @Test
    void aDepartmentsSummaryOpensWithTheFiguresOfItsJson() throws Exception {
        events.tree("W1-R", "W1-D", "W1-U");
        events.node("W1-U2", "第二单位", NodeKind.UNIT, "W1-D", 1);
        events.report(EventProducer.seedReport("W1-U"), 1);
        events.report(EventProducer.seedReport("W1-U2", "\"amount\": \"0.16\"}", "\"amount\": \"0.26\"}"), 1);
        String url = "/api/v1/summaries/W1-D/2023";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("W1-D").get(url).then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount",
                                equalTo("0.42")));
        JsonPath json = As.readerOf("W1-D").get(url).then().contentType(ContentType.JSON).extract().jsonPath();

        byte[] xlsx = As.readerOf("W1-D").accept(XLSX).get(url).then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", startsWith("attachment; filename=\"W1-D-2023.xlsx\"; filename*=UTF-8''"
                        + "W1-D-2023-%E5%86%B3%E7%AE%97%E6%B1%87%E6%80%BB.xlsx"))
                .extract().asByteArray();

        Map<String, String> fromJson = new TreeMap<>();
        List<Map<String, Object>> tables = json.getList("tables");
        for (Map<String, Object> t : tables) {
            for (Object o : (List<?>) t.get("cells")) {
                Map<?, ?> c = (Map<?, ?>) o;
                fromJson.put(t.get("table") + "." + c.get("row") + "." + c.get("col"), (String) c.get("amount"));
            }
        }
        Map<String, String> fromWorkbook = new TreeMap<>();
        JsonNode read = new WorkbookReader(FiscalYears.current()).read(new ByteArrayInputStream(xlsx), "W1-D", 2023)
                .report();
        for (JsonNode t : read.get("tables")) {
            for (JsonNode c : t.get("cells")) {
                fromWorkbook.put(t.get("table").asText() + "." + c.get("row").asText() + "." + c.get("col").asText(),
                        c.get("amount").asText());
            }
        }
        assertEquals(fromJson, fromWorkbook);
        assertEquals("0.42", fromWorkbook.get("01.other_income.1"));
        assertEquals("1031.66", fromWorkbook.get("05.2080109.2"));        // 515.83 twice, summed exactly

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            XSSFSheet t05 = wb.getSheet("公开05表");
            assertEquals("部门决算汇总", t05.getRow(1).getCell(0).getStringCellValue());
            assertEquals("编制单位：怀化市人力资源和社会保障局", t05.getRow(2).getCell(0).getStringCellValue());
            int findings = As.readerOf("W1-D").get(url + "/findings").then().statusCode(200).extract().jsonPath()
                    .getList("$").size();
            assertTrue(findings > 0);
            assertEquals(findings + 1, wb.getSheet("审核结果").getLastRowNum());
        }
    }

    @Test
    void aBrowserLinkGetsItWithFormatXlsxUnderTheSameChecks() {
        events.tree("W2-R", "W2-D", "W2-U");
        events.report(EventProducer.seedReport("W2-U"), 1);
        String url = "/api/v1/summaries/W2-D/2023";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                As.readerOf("W2-D").get(url).then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                                equalTo("901.39")));

        As.readerOf("W2-D").get(url + "?format=xlsx&mode=consolidated").then().statusCode(200).contentType(XLSX)
                .header("Content-Disposition", startsWith("attachment; filename=\"W2-D-2023.xlsx\""));
        As.readerOf("W2-D").get(url + "?format=xlsx&mode=nonsense").then().statusCode(422)
                .contentType("application/problem+json").body("violations[0].field", equalTo("mode"));
        As.person(Person.reader("W1-D")).get(url + "?format=xlsx").then().statusCode(403)
                .contentType("application/problem+json");
        // JSON stays the default, with its ETag.
        String etag = As.readerOf("W2-D").get(url).then().statusCode(200).contentType(ContentType.JSON)
                .extract().header("ETag");
        As.readerOf("W2-D").header("If-None-Match", etag).get(url).then().statusCode(304);
    }
}
