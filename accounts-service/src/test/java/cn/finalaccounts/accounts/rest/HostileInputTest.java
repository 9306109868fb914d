package cn.finalaccounts.accounts.rest;

import static cn.finalaccounts.accounts.As.as;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.accounts.As;
import cn.finalaccounts.accounts.SeedFixture;
import cn.finalaccounts.accounts.TableCounts;
import cn.finalaccounts.support.format.Spreadsheet;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import cn.finalaccounts.testsupport.Person;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.junit.jupiter.api.Test;

/**
 * Issue 20's outside fuzz against accounts-service: the two kinds of 500 (a Content-Type or Accept that is no media
 * type; a workbook of more than 1,000 zip parts) and the inputs that were accepted although they should not be
 * (a name of invisible characters only or with controls, {@code "derived": "yes"}, a body in a content coding or a
 * charset other than UTF-8). Each is now a problem+json 4xx naming the header or field, and nothing is stored.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class HostileInputTest {
    private static final String PROBLEM = "application/problem+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    TableCounts counts;

    @TestHTTPResource("/")
    URI base;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private HttpResponse<String> send(String method, String path, Person who, byte[] body, String... headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Authorization", "Bearer " + As.token(who));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The answer is a problem+json of {@code status} whose first violation names {@code field}. */
    private static JsonNode problem(HttpResponse<String> r, int status, String field) throws Exception {
        assertEquals(status, r.statusCode(), r::body);
        assertThat(r.headers().firstValue("Content-Type").orElse(""), containsString(PROBLEM));
        JsonNode p = JSON.readTree(r.body());
        assertEquals(status, p.path("status").asInt(), r::body);
        assertEquals(field, p.path("violations").path(0).path("field").asText(), r::body);
        return p;
    }

    @Test
    void aContentTypeOrAcceptThatIsNoMediaTypeIsA400NamingTheHeaderOnEveryMethod() throws Exception {
        SeedFixture.registerTree("H1-R", "H1-D", "H1-U");
        Person filler = Person.filler("H1-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("H1-U"))
                .put("/api/v1/units/H1-U/reports/2023").then().statusCode(201);
        byte[] report = SeedFixture.report2023("H1-U").getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = counts.snapshot();
        for (String type : List.of(";;;", "x", "application/json; charset=", "application/", "/json",
                "application/json; charset=\"utf-8", "application/json;;=", "application json")) {
            for (String path : List.of("/api/v1/units/H1-U/reports/2023", "/api/v1/templates/2023",
                    "/api/v1/units/H1-U/reports/2023?format=xlsx")) {
                problem(send("GET", path, filler, null, "Content-Type", type), 400, "Content-Type");
            }
            problem(send("PUT", "/api/v1/units/H1-U/reports/2023", filler, report, "Content-Type", type), 400,
                    "Content-Type");
        }
        for (String accept : List.of(";;;", "x", "application/json;q=abc", "application/json; q=2", "text/",
                "application/json, ;;;")) {
            for (String path : List.of("/api/v1/units/H1-U/reports/2023", "/api/v1/templates/2023")) {
                problem(send("GET", path, filler, null, "Accept", accept), 400, "Accept");
            }
        }
        assertEquals(before, counts.snapshot());
        // What clients really send still works, the old Java default's lone "*" included.
        for (String accept : List.of("*/*", "application/json, */*;q=0.8", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2")) {
            assertEquals(200, send("GET", "/api/v1/units/H1-U/reports/2023", filler, null, "Accept", accept).statusCode());
        }
    }

    @Test
    void aWriteWhoseAcceptTakesNoJsonIsRefused406BeforeItRuns() throws Exception {
        // Found by the suite's fuzz: the report's PUT answers a Response, so negotiation let it run and store the
        // report before answering JSON to a client that takes only image/png.
        SeedFixture.registerTree("H6-R", "H6-D", "H6-U");
        Person filler = Person.filler("H6-U");
        byte[] report = SeedFixture.report2023("H6-U").getBytes(StandardCharsets.UTF_8);
        Map<String, Long> before = counts.snapshot();
        for (String accept : List.of("image/png", "text/csv", "application/xml, text/*", "application/json;q=0")) {
            problem(send("PUT", "/api/v1/units/H6-U/reports/2023", filler, report, "Content-Type", "application/json",
                    "Accept", accept), 406, "Accept");
        }
        assertEquals(before, counts.snapshot());
        assertEquals(201, send("PUT", "/api/v1/units/H6-U/reports/2023", filler, report, "Content-Type",
                "application/json", "Accept", "text/html, application/*;q=0.5").statusCode());
    }

    @Test
    void aWorkbookOfMoreThanAThousandPartsIsA422NamingTheWorkbook() throws Exception {
        SeedFixture.registerTree("H2-R", "H2-D", "H2-U");
        Person filler = Person.filler("H2-U");
        as(filler).contentType(ContentType.JSON).body(SeedFixture.report2023("H2-U"))
                .put("/api/v1/units/H2-U/reports/2023").then().statusCode(201);
        byte[] workbook = as(filler).accept(Spreadsheet.XLSX).get("/api/v1/units/H2-U/reports/2023").then()
                .statusCode(200).extract().asByteArray();
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        try (ZipFile in = ZipFile.builder().setSeekableByteChannel(new SeekableInMemoryByteChannel(workbook)).get();
                ZipOutputStream out = new ZipOutputStream(many)) {
            for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(in.getInputStream(e).readAllBytes());
                out.closeEntry();
            }
            for (int i = 0; i < 1_001; i++) {
                out.putNextEntry(new ZipEntry("xl/media/padding" + i + ".bin"));
                out.closeEntry();
            }
        }
        Map<String, Long> before = counts.snapshot();
        JsonNode p = problem(send("PUT", "/api/v1/units/H2-U/reports/2023", filler, many.toByteArray(),
                "Content-Type", Spreadsheet.XLSX), 422, "$workbook");
        assertThat(p.path("violations").path(0).path("reason").asText(), containsString("more than 1000 parts"));
        assertEquals(before, counts.snapshot());
    }

    @Test
    void aNameOfInvisibleCharactersOnlyOrWithControlsIsRefusedNamingIt() throws Exception {
        SeedFixture.registerTree("H3-R", "H3-D", "H3-U");
        Person admin = Person.admin("H3-R");
        Map<String, Long> before = counts.snapshot();
        // As JSON escapes: zero-width space, LRM + BOM, ideographic space, isolates, a combining mark alone, NUL,
        // a C1 control (NEL), a line break, a tab, DEL, private use, a noncharacter.
        for (String name : List.of("\\u200b", "\\u200b\\u200e\\ufeff", " \\u3000 ", "\\u2066\\u2069", "\\u0301",
                "a\\u0000b", "a\\u0085b", "a\\nb", "a\\tb", "a\\u007fb", "a\\ue000b", "a\\ufffeb", "a\\udbff\\udfffb")) {
            String body = "{\"name\": \"" + name + "\", \"kind\": \"unit\", \"parent\": \"H3-D\", \"unitType\": \"参公\"}";
            problem(send("PUT", "/api/v1/units/H3-X", admin, body.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json"), 422, "name");
            // Renaming an existing node the same way.
            problem(send("PUT", "/api/v1/units/H3-U", admin, body.getBytes(StandardCharsets.UTF_8),
                    "Content-Type", "application/json"), 422, "name");
        }
        assertEquals(before, counts.snapshot());
        assertEquals(List.of(List.of("怀化市养老和工伤保险服务中心")), counts.rows("SELECT name FROM org_node WHERE code = 'H3-U'"));
        // Full-width letters, a name with a zero-width joiner inside, emoji: names as people write them.
        as(admin).contentType(ContentType.JSON).body("{\"name\": \"ＡＢＣ中心\\u200d一部 \uD83C\uDFE2\", \"kind\": \"unit\","
                + " \"parent\": \"H3-D\", \"unitType\": \"参公\"}").put("/api/v1/units/H3-Y").then().statusCode(201);
    }

    @Test
    void aDerivedFlagThatIsNoBooleanIsRefusedNamingTheCell() throws Exception {
        SeedFixture.registerTree("H4-R", "H4-D", "H4-U");
        Person filler = Person.filler("H4-U");
        Map<String, Long> before = counts.snapshot();
        String head = "{\"unit\": \"H4-U\", \"year\": 2023, \"amountUnit\": \"万元\", \"tables\": [{\"table\": \"01\","
                + " \"cells\": [{\"row\": \"general_budget_appropriation\", \"col\": \"1\", \"amount\": \"901.23\", \"derived\": ";
        for (String derived : List.of("\"yes\"", "\"true\"", "1", "0", "\"\"", "[]", "{}")) {
            problem(send("PUT", "/api/v1/units/H4-U/reports/2023", filler,
                    (head + derived + "}]}]}").getBytes(StandardCharsets.UTF_8), "Content-Type", "application/json"),
                    422, "tables[0].cells[0].derived");
        }
        assertEquals(before, counts.snapshot());
        as(filler).contentType(ContentType.JSON).body(head + "false}]}]}").put("/api/v1/units/H4-U/reports/2023")
                .then().statusCode(201);
    }

    @Test
    void aBodyInAContentCodingOrACharsetOtherThanUtf8Is415NamingTheHeader() throws Exception {
        SeedFixture.registerTree("H5-R", "H5-D", "H5-U");
        Person filler = Person.filler("H5-U");
        byte[] report = SeedFixture.report2023("H5-U").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gzip = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gzip)) {
            z.write(report);
        }
        Map<String, Long> before = counts.snapshot();
        String path = "/api/v1/units/H5-U/reports/2023";
        HttpResponse<String> r = send("PUT", path, filler, gzip.toByteArray(), "Content-Type", "application/json",
                "Content-Encoding", "gzip");
        problem(r, 415, "Content-Encoding");
        assertEquals("identity", r.headers().firstValue("Accept-Encoding").orElse(""));
        for (String coding : List.of("gzip", "deflate", "br", "x-nonsense", "identity, gzip", "GZIP")) {
            problem(send("PUT", path, filler, report, "Content-Type", "application/json", "Content-Encoding", coding),
                    415, "Content-Encoding");
        }
        for (String charset : List.of("GBK", "x-nonsense", "ISO-8859-1", "utf-16")) {
            problem(send("PUT", path, filler, report, "Content-Type", "application/json; charset=" + charset), 415,
                    "Content-Type");
        }
        assertEquals(before, counts.snapshot());
        assertEquals(201, send("PUT", path, filler, report, "Content-Type", "application/json; charset=UTF-8",
                "Content-Encoding", "identity").statusCode());
        assertEquals(200, send("PUT", path, filler, report, "Content-Type", "application/json;charset=\"utf-8\"")
                .statusCode());
    }
}
