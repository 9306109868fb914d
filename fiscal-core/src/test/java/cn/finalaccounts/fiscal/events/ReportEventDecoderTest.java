package cn.finalaccounts.fiscal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import cn.finalaccounts.fiscal.summary.CountedReport;
import cn.finalaccounts.fiscal.workflow.ReportState;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The streaming reading of a report event gives what the envelope's tree and the event's objects give, for every
 * state and contract version, and refuses what does not fit the contract as a poison event.
 */
class ReportEventDecoderTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();
    private static ReportBody seed;

    private final ReportEventDecoder decoder = new ReportEventDecoder();

    @BeforeAll
    static void seed() throws IOException {
        String json = Files.readString(Path.of("../deploy/demo/reports/2023/HH-RSJ-YLGS.json"));
        seed = SubtotalDeriver.complete(new ReportParser(FiscalYears.current()).parse(new ObjectMapper().readTree(json)),
                Y2023);
    }

    private static String event(int contractVersion, String state, ReportBody report) {
        return EventCodec.encode(UnitReportChanged.TYPE, contractVersion,
                new UnitReportChanged("HH-RSJ-YLGS", 2023, 3, state, 7, report, "2026-12-02T00:00:00Z"));
    }

    private static CountedReport reference(String json) {
        return ReportEventDecoder.counted(EventCodec.data(EventCodec.decode(json), UnitReportChanged.class));
    }

    @Test
    void aSubmittedSeedReportGivesItsCellsIn万元AsTheTreeReadingDoes() {
        String json = event(2, "submitted", seed);
        CountedReport read = decoder.decode(json);
        assertEquals(reference(json), read);
        assertEquals(ReportState.SUBMITTED, read.state());
        assertEquals(3, read.version());
        assertEquals(0, new BigDecimal("901.39").compareTo(read.cells().cells().get(new CellKey("01", "income_total", "1"))));
        assertEquals(0, new BigDecimal("695.12").compareTo(read.cells().cells().get(new CellKey("05", "total", "2"))));
        assertEquals(seed.toSheet().cells(), read.cells().cells());
    }

    @Test
    void aReportIn元IsConvertedTo万元WithoutRounding() {
        ReportBody inYuan = new ReportBody("HH-RSJ-YLGS", 2023, AmountUnit.YUAN,
                List.of(new ReportTable("05", List.of(new ReportCell("20805", "2", new BigDecimal("6951234.56"))))));
        String json = event(2, "approved", inYuan);
        CountedReport read = decoder.decode(json);
        assertEquals(reference(json), read);
        assertEquals(new BigDecimal("695.123456"), read.cells().cells().get(new CellKey("05", "20805", "2")));
    }

    @Test
    void aDraftOrAReturnCountsNowhereWithOrWithoutItsCells() {
        CountedReport v2Draft = decoder.decode(event(2, "draft", null));
        assertEquals(ReportState.DRAFT, v2Draft.state());
        assertNull(v2Draft.cells());
        CountedReport v1Draft = decoder.decode(event(1, "draft", seed)); // version 1 carried a draft's report
        assertNull(v1Draft.cells());
        assertEquals(reference(event(1, "returned", seed)), decoder.decode(event(1, "returned", seed)));
    }

    @Test
    void anEnvelopeWhoseTypeComesAfterItsDataIsReadTheSlowWayAlike() throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode envelope = (ObjectNode) mapper.readTree(event(2, "submitted", seed));
        ObjectNode reordered = mapper.createObjectNode();
        reordered.set("data", envelope.get("data"));
        reordered.set("type", envelope.get("type"));
        reordered.set("contractVersion", envelope.get("contractVersion"));
        reordered.set("eventId", envelope.get("eventId"));
        String json = mapper.writeValueAsString(reordered);
        assertEquals(reference(json), decoder.decode(json));
    }

    @Test
    void whatDoesNotFitTheContractIsAPoisonEvent() {
        String submitted = event(2, "submitted", seed);
        List<String> poison = List.of("not json", "[]", "{\"type\": \"UnitReportChanged\"}",
                submitted.replace("\"contractVersion\":2", "\"contractVersion\":3"),
                submitted.replace("\"type\":\"UnitReportChanged\"", "\"type\":\"OrgNodeChanged\""),
                submitted.replace("\"state\":\"submitted\"", "\"state\":\"lost\""),
                submitted.replace("\"amount\":\"901.39\"", "\"amount\":901.39"),
                submitted.replace("\"amount\":\"901.39\"", "\"amount\":\"nine\""),
                submitted.replace("\"amountUnit\":\"万元\"", "\"amountUnit\":\"斤\""),
                event(2, "submitted", null),
                event(2, "approved", new ReportBody("HH-OTHER", 2023, AmountUnit.WAN_YUAN, List.of())),
                submitted.substring(0, submitted.length() / 2));
        for (String json : poison) {
            UndecodableEventException e = assertThrows(UndecodableEventException.class, () -> decoder.decode(json),
                    json.length() > 80 ? json.substring(0, 80) : json);
            assertTrue(!e.getMessage().isBlank());
        }
        assertEquals(true, assertThrows(UndecodableEventException.class, () -> decoder.decode("{not json")).getMessage()
                .startsWith("not JSON or not an event envelope"));
    }

    /** A record is input from outside: a unit, table, row or column in a second spelling is set aside, never counted. */
    @Test
    void anEventNamingAnIdentifierInASecondSpellingIsAPoisonEvent() {
        String submitted = event(2, "submitted", seed);
        String draft = event(2, "draft", null);
        List<String> aliases = List.of(
                submitted.replace("\"unit\":\"HH-RSJ-YLGS\"", "\"unit\":\"HH-RSJ-YLGS \""),
                submitted.replace("\"unit\":\"HH-RSJ-YLGS\"", "\"unit\":\"hh-rsj-ylgs\""),
                submitted.replace("\"unit\":\"HH-RSJ-YLGS\"", "\"unit\":\"ＨＨ-RSJ-YLGS\""),
                draft.replace("\"unit\":\"HH-RSJ-YLGS\"", "\"unit\":\"HH-RSJ-YLGS\u200b\""),
                submitted.replace("\"table\":\"01\"", "\"table\":\"01 \""),
                submitted.replace("\"row\":\"income_total\"", "\"row\":\"INCOME_TOTAL\""),
                submitted.replace("\"col\":\"1\"", "\"col\":\"１\""));
        for (String json : aliases) {
            assertTrue(!json.equals(submitted) && !json.equals(draft), "the alias was written into the record");
            UndecodableEventException e = assertThrows(UndecodableEventException.class, () -> decoder.decode(json));
            assertTrue(e.getMessage().contains("is not canonical"), e.getMessage());
            // The slow reading of the same record refuses it alike.
            assertThrows(UndecodableEventException.class, () -> reference(json));
        }
    }

    @Test
    void theOtherEventsNameTheirIdentifiersInOneSpellingToo() {
        EventIdentifiers.require(new OrgNodeChanged("HH-RSJ", "人社局", cn.finalaccounts.fiscal.org.NodeKind.DEPARTMENT,
                null, "431200", 1));
        assertThrows(UndecodableEventException.class, () -> EventIdentifiers.require(new OrgNodeChanged("HH-RSJ ",
                "人社局", cn.finalaccounts.fiscal.org.NodeKind.DEPARTMENT, null, "431200", 1)));
        assertThrows(UndecodableEventException.class, () -> EventIdentifiers.require(new OrgNodeChanged("HH-RSJ",
                "人社局", cn.finalaccounts.fiscal.org.NodeKind.DEPARTMENT, null, "431200\u200b", 1)));
        assertThrows(UndecodableEventException.class, () -> EventIdentifiers.require(new FundStatisticsChanged(2023,
                "431200", "work-injury", "全市 ", null, null, null, null, null, null, null, null, 1)));
        assertThrows(UndecodableEventException.class, () -> EventIdentifiers.require(new FundStatisticsChanged(2023,
                "431200", "Work-Injury", "全市", null, null, null, null, null, null, null, null, 1)));
        assertThrows(UndecodableEventException.class, () -> EventIdentifiers.require(new ProjectChanged("HH-RSJ-YLGS",
                2023, "p02", "项目", "其他", BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ZERO, null, null, false, 1)));
    }
}
