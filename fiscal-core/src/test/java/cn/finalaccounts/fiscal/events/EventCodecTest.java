package cn.finalaccounts.fiscal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.ReportParser;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The envelope on the wire: its fields in contract order, the data as the contract's JSON, written once. */
class EventCodecTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final ReportBody REPORT = report("""
            {"unit": "U", "year": 2023, "amountUnit": "万元", "tables": [
              {"table": "01", "cells": [{"row": "general_budget_appropriation", "col": "1", "amount": "901.23"},
                                        {"row": "other_income", "col": "1", "amount": "0.16"}]}]}""");

    private static final UnitReportChanged SUBMITTED = new UnitReportChanged("U", 2023, 1, "submitted", 2, REPORT,
            "2026-12-02T10:00:00Z");

    @Test
    void theEnvelopesFieldsComeInContractOrderAndItsDataIsTheEventAsTheContractWritesIt() throws IOException {
        String wire = EventCodec.encode(UnitReportChanged.TYPE, 2, SUBMITTED);

        JsonNode envelope = JSON.readTree(wire);
        List<String> fields = new ArrayList<>();
        envelope.fieldNames().forEachRemaining(fields::add);
        assertEquals(List.of("eventId", "type", "contractVersion", "occurredAt", "data"), fields);
        assertEquals("UnitReportChanged", envelope.get("type").asText());
        assertEquals(2, envelope.get("contractVersion").asInt());
        // Byte for byte what the former object → tree → text pass wrote.
        assertEquals(JSON.writeValueAsString(EventCodec.tree(SUBMITTED)), data(wire));
        assertEquals(SUBMITTED, EventCodec.data(EventCodec.decode(wire), UnitReportChanged.class));
        // Amounts exactly as sent, strings with their scale.
        List<String> amounts = envelope.at("/data/report/tables/0/cells").findValuesAsText("amount");
        assertEquals(true, amounts.containsAll(List.of("901.23", "0.16")), amounts.toString());
    }

    @Test
    void aReportAlreadyWrittenAsJsonTravelsAsItIsAndReadsAsTheSameEvent() {
        String stored = ReportJson.write(REPORT);
        UnitReportChanged.WithReportJson written = new UnitReportChanged.WithReportJson("U", 2023, 1, "submitted", 2,
                stored, "2026-12-02T10:00:00Z");

        String wire = EventCodec.encode(UnitReportChanged.TYPE, 2, written);

        assertEquals(data(EventCodec.encode(UnitReportChanged.TYPE, 2, SUBMITTED)), data(wire));
        assertEquals(SUBMITTED, EventCodec.data(EventCodec.decode(wire), UnitReportChanged.class));
    }

    @Test
    void withoutAReportBothFormsWriteNull() {
        UnitReportChanged draft = new UnitReportChanged("U", 2023, 0, "draft", 1, null, "2026-12-02T10:00:00Z");
        UnitReportChanged.WithReportJson written = new UnitReportChanged.WithReportJson("U", 2023, 0, "draft", 1, null,
                "2026-12-02T10:00:00Z");

        assertEquals(data(EventCodec.encode(UnitReportChanged.TYPE, 2, draft)),
                data(EventCodec.encode(UnitReportChanged.TYPE, 2, written)));
        assertEquals(draft, EventCodec.data(EventCodec.decode(EventCodec.encode(UnitReportChanged.TYPE, 2, written)),
                UnitReportChanged.class));
    }

    /** The text of the envelope's data: everything after {@code "data":}, the last field. */
    private static String data(String wire) {
        int at = wire.indexOf("\"data\":");
        return wire.substring(at + "\"data\":".length(), wire.length() - 1);
    }

    private static ReportBody report(String json) {
        try {
            var year = FiscalYears.current().year(2023).orElseThrow();
            return SubtotalDeriver.complete(new ReportParser(FiscalYears.current()).parse(JSON.readTree(json)), year);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
