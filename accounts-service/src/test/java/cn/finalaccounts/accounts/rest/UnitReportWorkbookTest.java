package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * A unit's report as an Excel workbook: out with GET (Accept: the .xlsx type, or ?format=xlsx), in with PUT
 * (Content-Type: the .xlsx type) through the very save path of a JSON body.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class UnitReportWorkbookTest {
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /** Registers a second unit under the department that {@link SeedFixture#registerTree} made. */
    static void registerUnit(String region, String department, String unit) {
        as(Person.admin(region)).contentType(ContentType.JSON)
                .body("{\"name\": \"第二个单位\", \"kind\": \"unit\", \"parent\": \"" + department + "\", \"unitType\": \"事业\"}")
                .put("/api/v1/units/" + unit).then().statusCode(201);
    }

    static byte[] workbookOf(Person person, String unit) {
        return as(person).accept(XLSX).get("/api/v1/units/" + unit + "/reports/2023").then().statusCode(200)
                .contentType(XLSX).extract().asByteArray();
    }

    static List<Map<String, Object>> tables(Person person, String unit) {
        return as(person).get("/api/v1/units/" + unit + "/reports/2023").then().statusCode(200)
                .contentType(ContentType.JSON).extract().jsonPath().getList("tables");
    }

    @Test
    void theSeedGoesOutAsAWorkbookAndComesBackCellForCell() {
        SeedFixture.registerTree("X1-R", "X1-D", "X1-U");
        registerUnit("X1-R", "X1-D", "X1-V");
        Person filler = Person.filler("X1-D");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("X1-U"))
                .put("/api/v1/units/X1-U/reports/2023").then().statusCode(201);
        List<Map<String, Object>> sentAsJson = tables(filler, "X1-U");

        byte[] xlsx = as(filler).accept(XLSX).get("/api/v1/units/X1-U/reports/2023").then().statusCode(200)
                .contentType(XLSX)
                .header("Content-Disposition", equalTo("attachment; filename=\"X1-U-2023.xlsx\"; filename*=UTF-8''"
                        + "X1-U-2023-%E5%86%B3%E7%AE%97.xlsx"))
                .extract().asByteArray();
        assertEquals('P', xlsx[0]);
        assertEquals('K', xlsx[1]);

        as(filler).contentType(XLSX).body(xlsx).put("/api/v1/units/X1-V/reports/2023").then().statusCode(201)
                .body("unit", equalTo("X1-V"))
                .body("tables.find { it.table == '05' }.cells.find { it.row == 'total' && it.col == '2' }.amount",
                        equalTo("695.12"));
        List<Map<String, Object>> cameBack = tables(filler, "X1-V");
        assertEquals(sentAsJson, cameBack, "every table, cell, amount string and derived flag");
        assertTrue(cameBack.toString().contains("derived=true"));

        // The same workbook again changes nothing, as a JSON body would not; nor does it change the report it came
        // from, whose JSON listed the same cells in another order than the sheets lay them out.
        as(filler).contentType(XLSX).body(xlsx).put("/api/v1/units/X1-V/reports/2023").then().statusCode(200)
                .body("revision", equalTo(1));
        as(filler).contentType(XLSX).body(xlsx).put("/api/v1/units/X1-U/reports/2023").then().statusCode(200)
                .body("revision", equalTo(1));
    }

    @Test
    void aBrowserLinkAsksForTheWorkbookWithFormatXlsxAndTheJsonStaysTheDefault() {
        SeedFixture.registerTree("X2-R", "X2-D", "X2-U");
        Person filler = Person.filler("X2-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("X2-U"))
                .put("/api/v1/units/X2-U/reports/2023").then().statusCode(201);

        as(filler).get("/api/v1/units/X2-U/reports/2023?format=xlsx").then().statusCode(200).contentType(XLSX);
        as(filler).accept("*/*").get("/api/v1/units/X2-U/reports/2023").then().statusCode(200)
                .contentType(ContentType.JSON).body("unit", equalTo("X2-U"));
        as(filler).get("/api/v1/units/X2-U/reports/2023").then().statusCode(200).contentType(ContentType.JSON);
        as(filler).accept(XLSX).get("/api/v1/units/X2-U/reports/2023?format=json").then().statusCode(200)
                .contentType(ContentType.JSON);
        as(Person.reader("X2-D")).get("/api/v1/units/X2-U/reports/2023?format=xlsx").then().statusCode(200)
                .contentType(XLSX);
        as(Person.reader("X1-D")).get("/api/v1/units/X2-U/reports/2023?format=xlsx").then().statusCode(403)
                .contentType("application/problem+json");
        as(filler).get("/api/v1/units/X2-U/reports/2022?format=xlsx").then().statusCode(404)
                .contentType("application/problem+json");
        // A format nobody offers is refused by name, not quietly answered as JSON.
        as(filler).get("/api/v1/units/X2-U/reports/2023?format=pdf").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations[0].field", equalTo("format"))
                .body("violations[0].reason", equalTo("'pdf' is not a format; use json, xlsx, text or md"));
        // A path without a workbook answers 406 to a request for one.
        as(filler).get("/api/v1/units/X2-U/reports/2023/versions?format=xlsx").then().statusCode(406)
                .contentType("application/problem+json");
    }

    @Test
    void aMalformedWorkbookIsRefusedNamingItsCellsAndNothingIsStored() throws IOException {
        SeedFixture.registerTree("X3-R", "X3-D", "X3-U");
        registerUnit("X3-R", "X3-D", "X3-V");
        Person filler = Person.filler("X3-D");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("X3-U"))
                .put("/api/v1/units/X3-U/reports/2023").then().statusCode(201);
        byte[] xlsx;
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(workbookOf(filler, "X3-U")))) {
            XSSFSheet t05 = wb.getSheet("公开05表");
            retype(t05, 9, 3).setCellValue("abc");              // D10: 2080109 基本支出
            retype(t05, 6, 2).setCellValue(-5);                 // C7: 合计 小计, negative (ReportParser's refusal)
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            xlsx = out.toByteArray();
        }

        as(filler).contentType(XLSX).body(xlsx).put("/api/v1/units/X3-V/reports/2023").then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:final-accounts:problem:invalid-input"))
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("公开05表!D10"))
                .body("violations[0].reason", containsString("'abc' is not an amount"));
        as(filler).get("/api/v1/units/X3-V/reports/2023").then().statusCode(404);

        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            retype(wb.getSheet("公开05表"), 9, 3).setCellValue(515.83);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            wb.write(out);
            xlsx = out.toByteArray();
        }
        as(filler).contentType(XLSX).body(xlsx).put("/api/v1/units/X3-V/reports/2023").then().statusCode(422)
                .body("violations", hasSize(1))
                .body("violations[0].field", equalTo("公开05表!C7"))
                .body("violations[0].reason", containsString("must not be negative"));
        as(filler).get("/api/v1/units/X3-V/reports/2023").then().statusCode(404);
    }

    @Test
    void anXlsFileIsRefusedWithAdviceAndAReaderMayNotSave() throws IOException {
        SeedFixture.registerTree("X4-R", "X4-D", "X4-U");
        ByteArrayOutputStream xls = new ByteArrayOutputStream();
        try (HSSFWorkbook wb = new HSSFWorkbook()) {
            wb.createSheet("公开01表");
            wb.write(xls);
        }
        as(Person.filler("X4-U")).contentType(XLSX).body(xls.toByteArray()).put("/api/v1/units/X4-U/reports/2023")
                .then().statusCode(422).contentType("application/problem+json")
                .body("violations[0].field", equalTo("$workbook"))
                .body("violations[0].reason", containsString("save it as .xlsx"));
        byte[] blank = as(Person.filler("X4-U")).get("/api/v1/templates/2023?format=xlsx").then().statusCode(200)
                .extract().asByteArray();
        as(Person.reader("X4-U")).contentType(XLSX).body(blank).put("/api/v1/units/X4-U/reports/2023")
                .then().statusCode(403).contentType("application/problem+json");
        as(Person.filler("X4-U")).get("/api/v1/units/X4-U/reports/2023").then().statusCode(404);
    }

    @Test
    void aWorkbookOverTheBodyLimitIs413WithOrWithoutContentLength() {
        SeedFixture.registerTree("X5-R", "X5-D", "X5-U");
        byte[] big = new byte[2 * 1024 * 1024 + 1];
        big[0] = 'P';
        big[1] = 'K';
        as(Person.filler("X5-U")).contentType(XLSX).body(big).put("/api/v1/units/X5-U/reports/2023")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", equalTo("urn:final-accounts:problem:body-too-large"));
        // Chunked: no Content-Length, counted while read.
        InputStream chunked = new ByteArrayInputStream(big);
        as(Person.filler("X5-U")).contentType(XLSX).body(chunked).put("/api/v1/units/X5-U/reports/2023")
                .then().statusCode(413).contentType("application/problem+json");
        as(Person.filler("X5-U")).get("/api/v1/units/X5-U/reports/2023").then().statusCode(404);
    }

    @Test
    void theBlankFormIsTheTemplateAsAWorkbook() {
        as(Person.reader("ANYWHERE")).accept(XLSX).get("/api/v1/templates/2023").then().statusCode(200)
                .contentType(XLSX)
                .header("Content-Disposition", startsWith("attachment; filename="));
        as(Person.reader("ANYWHERE")).get("/api/v1/templates/2023").then().statusCode(200)
                .contentType(ContentType.JSON);
        as(Person.reader("ANYWHERE")).get("/api/v1/templates/2031?format=xlsx").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void aBodyWithoutContentTypeIsStillReadAsJson() throws Exception {
        SeedFixture.registerTree("X6-R", "X6-D", "X6-U");
        java.net.http.HttpRequest put = java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port
                        + "/api/v1/units/X6-U/reports/2023"))
                .header("Authorization", "Bearer " + cn.finalaccounts.accounts.As.token(Person.filler("X6-U")))
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(SeedFixture.report2023("X6-U")))
                .build();
        var answer = java.net.http.HttpClient.newHttpClient().send(put,
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(201, answer.statusCode(), answer.body());
    }

    /** The cell made anew, as Excel stores a cell typed over (POI would keep a formula or an inline string). */
    static Cell retype(XSSFSheet sheet, int row, int col) {
        Row r = sheet.getRow(row);
        Cell old = r.getCell(col);
        var style = old == null ? null : old.getCellStyle();
        if (old != null) {
            r.removeCell(old);
        }
        Cell cell = r.createCell(col);
        if (style != null) {
            cell.setCellStyle(style);
        }
        return cell;
    }
}
