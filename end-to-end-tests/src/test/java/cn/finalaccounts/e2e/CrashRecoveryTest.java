package cn.finalaccounts.e2e;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.testsupport.EventProducer;
import cn.finalaccounts.testsupport.KafkaTestBroker;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * aggregation-service is killed with SIGKILL in the middle of a burst of 1,000 submissions and started again:
 * afterwards every 汇总 equals a from-scratch recomputation and the region's figures are exactly the sum of each
 * unit's last version — nothing lost, nothing counted twice. The reads carry a real token of a reader of the test's
 * region, the consistency check the operator's.
 */
class CrashRecoveryTest {
    private static final Path ROOT = Path.of(System.getProperty("platform.root", ".."));
    private static final int DEPARTMENTS = 10;
    private static final int UNITS_PER_DEPARTMENT = 20;
    private static final int SUBMISSIONS = 1000;

    @Test
    void aKilledAggregationServiceResumesExactlyWhereItsLastCommitLeftIt() throws Exception {
        String kafka = KafkaTestBroker.bootstrapServers();
        try (Identities people = new Identities("crash")) {
            run(kafka, people.reader("CR-R"), people.operator());
        }
    }

    private void run(String kafka, Identity reader, Identity operator) throws Exception {
        ReportBody seed = new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(
                Files.readString(ROOT.resolve("deploy/demo/reports/2023/HH-RSJ-YLGS.json"))));
        ServiceProcess aggregation = ServiceProcess.start(ROOT, "aggregation-service", "aggregation", kafka);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer())) {
            aggregation.awaitReady();
            send(producer, Topics.ORG_NODES, "CR-R", node("CR-R", NodeKind.REGION, null));
            for (int d = 0; d < DEPARTMENTS; d++) {
                send(producer, Topics.ORG_NODES, "CR-D" + d, node("CR-D" + d, NodeKind.DEPARTMENT, "CR-R"));
                for (int u = 0; u < UNITS_PER_DEPARTMENT; u++) {
                    send(producer, Topics.ORG_NODES, unit(d, u), node(unit(d, u), NodeKind.UNIT, "CR-D" + d));
                }
            }
            producer.flush();

            // 1,000 approved versions: each unit's version v reports 其他收入 v.00, so the last version is known.
            int[] lastVersion = new int[DEPARTMENTS * UNITS_PER_DEPARTMENT];
            List<Future<RecordMetadata>> sent = new ArrayList<>();
            for (int i = 0; i < SUBMISSIONS; i++) {
                int n = i % lastVersion.length;
                int version = ++lastVersion[n];
                String code = unit(n / UNITS_PER_DEPARTMENT, n % UNITS_PER_DEPARTMENT);
                sent.add(producer.send(record(Topics.UNIT_REPORTS, code, report(seed, code, version))));
                if (i == SUBMISSIONS / 3) {
                    // Kill it while it is applying the first third: some of it committed, the rest not.
                    producer.flush();
                    String base = aggregation.baseUrl();
                    // Until the region's node arrives it is in nobody's scope (403): wait for a 200 first.
                    String[] last = {"no answer yet"};
                    try {
                        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
                            var r = reader.given().baseUri(base).get("/api/v1/summaries/CR-R/2023");
                            last[0] = r.statusCode() + " " + r.asString();
                            return r.statusCode() == 200 && r.jsonPath().getInt("freshness.unitsIn") > 0;
                        });
                    } catch (ConditionTimeoutException e) {
                        throw new AssertionError("the region's 汇总 never counted a unit; the last answer: "
                                + last[0].substring(0, Math.min(500, last[0].length())) + "; the event loop: "
                                + reader.given().baseUri(base).get("/api/v1/admin/consumer").asString(), e);
                    }
                    aggregation.kill();
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }

            aggregation = aggregation.restart(ROOT, "aggregation", kafka);
            aggregation.awaitReady();
            String base = aggregation.baseUrl();
            BigDecimal expectedOther = BigDecimal.ZERO;
            for (int v : lastVersion) {
                expectedOther = expectedOther.add(BigDecimal.valueOf(v));
            }
            String expected = expectedOther.setScale(2).toPlainString();
            // The killed instance's partitions come back once the group gives up on it (its session times out);
            // then the restarted one resumes from the offsets stored with its last committed batch.
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                reader.given().baseUri(base).get("/api/v1/admin/consumer").then()
                        .body("ownedPartitions", equalTo(24)).body("pendingEvents", equalTo(0));
                assertEquals(expected, reader.given().baseUri(base).get("/api/v1/summaries/CR-R/2023").then().extract()
                        .jsonPath().getString("tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount"));
            });
            operator.given().baseUri(base).get("/api/v1/admin/consistency").then().statusCode(200)
                    .body("consistent", equalTo(true)).body("discrepancies", empty());
            var region = reader.given().baseUri(base).get("/api/v1/summaries/CR-R/2023").then().statusCode(200).extract().jsonPath();
            assertEquals(expected, region.getString(
                    "tables.find { it.table == '01' }.cells.find { it.row == 'other_income' }.amount"));
            assertEquals(new BigDecimal("901.23").multiply(BigDecimal.valueOf(lastVersion.length)).toPlainString(),
                    region.getString("tables.find { it.table == '01' }.cells.find { it.row == 'general_budget_appropriation' }.amount"));
            assertEquals(lastVersion.length, region.getInt("freshness.unitsIn"));
        } finally {
            aggregation.close();
        }
    }

    private static String unit(int department, int unit) {
        return "CR-D" + department + "-U" + unit;
    }

    private static String node(String code, NodeKind kind, String parent) {
        return EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION, new OrgNodeChanged(code, code, kind,
                kind == NodeKind.UNIT ? UnitType.PUBLIC_INSTITUTION : null, parent, 1));
    }

    /** The seed re-addressed to the unit, with 其他收入 set to the version number. */
    private static String report(ReportBody seed, String code, int version) throws Exception {
        String json = EventCodec.tree(seed).toString()
                .replace("\"unit\":\"HH-RSJ-YLGS\"", "\"unit\":\"" + code + "\"")
                .replace("{\"row\":\"other_income\",\"col\":\"1\",\"amount\":\"0.16\"}",
                        "{\"row\":\"other_income\",\"col\":\"1\",\"amount\":\"" + version + ".00\"}");
        ReportBody body = new ObjectMapper().readValue(json, ReportBody.class);
        return EventCodec.encode(UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION, new UnitReportChanged(code,
                2023, version, "approved", version, body, Instant.now().toString()));
    }

    /** Waits for the broker's acknowledgement: a tree event that failed to be written must fail the test. */
    private static void send(KafkaProducer<String, String> producer, String topic, String key, String value)
            throws Exception {
        producer.send(record(topic, key, value)).get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    private static ProducerRecord<String, String> record(String topic, String key, String value) {
        // Signed as the topic's producer: the services count no other record.
        return EventProducer.genuine(topic, key, value);
    }
}
