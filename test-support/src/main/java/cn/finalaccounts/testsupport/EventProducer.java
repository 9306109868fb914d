package cn.finalaccounts.testsupport;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.events.EventCodec;
import cn.finalaccounts.fiscal.events.EventSignature;
import cn.finalaccounts.fiscal.events.OrgNodeChanged;
import cn.finalaccounts.fiscal.events.Topics;
import cn.finalaccounts.fiscal.events.UnitReportChanged;
import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeKind;
import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes events as accounts-service does, straight onto the test broker (for the consuming services' tests): signed
 * with the test key of the topic's producer ({@link TestEventKeys}), as the services take them; {@link #unsigned} and
 * {@link #signedAs} write records a consumer must refuse.
 */
public final class EventProducer implements AutoCloseable {
    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestBroker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());

    public void node(String code, String name, NodeKind kind, String parent, long revision) {
        send(Topics.ORG_NODES, code, EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION,
                new OrgNodeChanged(code, name, kind, kind == NodeKind.UNIT ? UnitType.CIVIL_SERVICE_MANAGED : null, parent,
                        revision)));
    }

    /** A node with a history of years, as accounts-service publishes one after a change that names a year. */
    public void node(String code, NodeKind kind, long revision, NodeHistory history) {
        send(Topics.ORG_NODES, code, EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION,
                OrgNodeChanged.of(code, kind, revision, history)));
    }

    public void removed(String code, String name, NodeKind kind, String parent, long revision) {
        send(Topics.ORG_NODES, code, EventCodec.encode(OrgNodeChanged.TYPE, OrgNodeChanged.CONTRACT_VERSION,
                new OrgNodeChanged(code, name, kind, null, parent, revision, true)));
    }

    /** Region → department → unit, each at revision 1. */
    public void tree(String region, String department, String unit) {
        node(region, "怀化市", NodeKind.REGION, null, 1);
        node(department, "怀化市人力资源和社会保障局", NodeKind.DEPARTMENT, region, 1);
        node(unit, "怀化市养老和工伤保险服务中心", NodeKind.UNIT, department, 1);
    }

    /** An approved version: what the official 汇总 counts. */
    public void report(ReportBody report, long version) {
        report(report, version, "approved");
    }

    /** As accounts-service publishes it: the report with its derived subtotals. */
    public void report(ReportBody report, long version, String state) {
        send(Topics.UNIT_REPORTS, report.unit(), reportEvent(report, version, state));
    }

    /** The UnitReportChanged record accounts-service would publish for the version, as text. */
    public static String reportEvent(ReportBody report, long version, String state) {
        ReportBody completed = SubtotalDeriver.complete(report, FiscalYears.current().year(report.year()).orElseThrow());
        return EventCodec.encode(UnitReportChanged.TYPE, UnitReportChanged.CONTRACT_VERSION, new UnitReportChanged(
                report.unit(), report.year(), version, state, version, completed, Instant.now().toString()));
    }

    /** A report given as JSON text in the report shape. */
    public static ReportBody parse(String json) {
        try {
            return new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Any text, signed by the topic's producer: a genuine record, however malformed its content. */
    public void raw(String topic, String key, String value) {
        send(topic, key, value);
    }

    /** A record with no signature, as anybody with access to the broker can write. */
    public void unsigned(String topic, String key, String value) {
        publish(new ProducerRecord<>(topic, key, value));
    }

    /** A record signed as {@code producer} with {@code secret}: a forgery unless both are the topic's producer's. */
    public void signedAs(String producer, String secret, String topic, String key, String value) {
        publish(signed(producer, secret, topic, key, value));
    }

    /** A record as its topic's producer writes it, signed with that producer's test key. */
    public static ProducerRecord<String, String> genuine(String topic, String key, String value) {
        String writer = Topics.writerOf(topic);
        if (writer == null) {
            throw new IllegalArgumentException("no producer of the platform writes " + topic + ": use signed");
        }
        return signed(writer, TestEventKeys.BY_PRODUCER.get(writer), topic, key, value);
    }

    /** A record with the signature headers of {@code producer} under {@code secret}. */
    public static ProducerRecord<String, String> signed(String producer, String secret, String topic, String key,
            String value) {
        return new ProducerRecord<>(topic, null, key, value, List.<Header>of(
                new RecordHeader(EventSignature.PRODUCER_HEADER, producer.getBytes(StandardCharsets.UTF_8)),
                new RecordHeader(EventSignature.SIGNATURE_HEADER, EventSignature.sign(secret, producer, topic, key,
                        value).getBytes(StandardCharsets.UTF_8))));
    }

    /** The seed unit's 2023 report from deploy/demo, re-addressed to {@code unit}, with textual replacements. */
    public static ReportBody seedReport(String unit, String... replacements) {
        try {
            String json = Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"))
                    .replace("\"unit\": \"HH-RSJ-YLGS\"", "\"unit\": \"" + unit + "\"");
            for (int i = 0; i < replacements.length; i += 2) {
                json = json.replace(replacements[i], replacements[i + 1]);
            }
            return new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void send(String topic, String key, String value) {
        publish(genuine(topic, key, value));
    }

    private void publish(ProducerRecord<String, String> record) {
        try {
            producer.send(record).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
