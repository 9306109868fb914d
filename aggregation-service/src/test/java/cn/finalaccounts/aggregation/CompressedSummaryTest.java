package cn.finalaccounts.aggregation;

import static io.restassured.config.DecoderConfig.decoderConfig;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import cn.finalaccounts.testsupport.MockIdentityProvider;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * Large answers travel gzip-compressed when the client sends {@code Accept-Encoding: gzip} (a region's 汇总 is half
 * a megabyte of JSON), and conditional reads keep working on them. The requests here carry the header themselves
 * and read the raw bytes: REST Assured's own decoding is switched off, so the test sees what crosses the wire.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestBroker.class)
@QuarkusTestResource(MockIdentityProvider.class)
class CompressedSummaryTest {
    private static final String URL = "/api/v1/summaries/GZ1-R/2023";

    @Test
    void aSummaryIsGzipCompressedOnRequestAndStaysConditional() throws IOException {
        try (EventProducer events = new EventProducer()) {
            events.tree("GZ1-R", "GZ1-D", "GZ1-U");
            events.report(EventProducer.seedReport("GZ1-U"), 1);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                raw().get(URL + "?view=approved").then().statusCode(200)
                        .body("tables.find { it.table == '01' }.cells.find { it.row == 'income_total' }.amount",
                                equalTo("901.39")));
        // Nothing left to apply: the two reads below see the same freshness (its last-applied time is in the body).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> As.readerOf(As.OPS).get("/api/v1/admin/consumer")
                .then().statusCode(200).body("pendingEvents", equalTo(0)));

        Response plain = raw().get(URL);
        plain.then().statusCode(200).contentType("application/json");
        assertNull(plain.header("Content-Encoding"), "no Accept-Encoding, no compression");
        byte[] json = plain.asByteArray();

        Response gzip = raw().header("Accept-Encoding", "gzip").get(URL);
        gzip.then().statusCode(200).contentType("application/json").header("Content-Encoding", "gzip");
        byte[] compressed = gzip.asByteArray();
        assertTrue(compressed.length < json.length / 2, compressed.length + " bytes compressed of " + json.length);
        // The very same JSON, byte for byte: the figures ("901.39") and everything around them.
        assertArrayEquals(json, gunzip(compressed));
        assertTrue(new String(gunzip(compressed), java.nio.charset.StandardCharsets.UTF_8).contains("\"901.39\""));

        // The tag names the figures, not the bytes: the same weak tag for both encodings, and 304 for either.
        String etag = plain.header("ETag");
        assertTrue(etag.startsWith("W/\""), etag);
        assertEquals(etag, gzip.header("ETag"));
        raw().header("Accept-Encoding", "gzip").header("If-None-Match", etag).get(URL).then().statusCode(304);
        raw().header("If-None-Match", etag).get(URL).then().statusCode(304);
    }

    @Test
    void anExcelDownloadIsNotCompressedAgainForItIsAZipAlready() {
        try (EventProducer events = new EventProducer()) {
            events.tree("GZ2-R", "GZ2-D", "GZ2-U");
            events.report(EventProducer.seedReport("GZ2-U"), 1);
        }
        String url = "/api/v1/summaries/GZ2-R/2023";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                raw("GZ2-R").get(url).then().statusCode(200));

        Response xlsx = raw("GZ2-R").header("Accept-Encoding", "gzip").get(url + "?format=xlsx");
        xlsx.then().statusCode(200);
        assertNull(xlsx.header("Content-Encoding"));
        byte[] body = xlsx.asByteArray();
        assertTrue(body[0] == 'P' && body[1] == 'K', "an xlsx is a zip: it starts with PK");
    }

    /** A reader of the region, with no automatic Accept-Encoding and no decoding: the bytes as sent. */
    private static RequestSpecification raw() {
        return raw("GZ1-R");
    }

    private static RequestSpecification raw(String node) {
        return As.readerOf(node).config(RestAssured.config().decoderConfig(decoderConfig().noContentDecoders()));
    }

    private static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
