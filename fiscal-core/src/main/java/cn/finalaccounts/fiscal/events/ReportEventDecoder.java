package cn.finalaccounts.fiscal.events;

import cn.finalaccounts.fiscal.identity.Identifier;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.CountedReport;
import cn.finalaccounts.fiscal.workflow.ReportState;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a {@link UnitReportChanged} record straight into what the 汇总 counts: a streaming parse into the cells'
 * sums, without the tree of the envelope, the report's objects per table and cell, or a second pass to convert
 * them (those were most of a rebuild's garbage). The answer equals {@code EventCodec.decode} then
 * {@code EventCodec.data} then {@link #counted(UnitReportChanged)}, which is also what it falls back to for an
 * envelope whose {@code type} or {@code contractVersion} comes after its {@code data} (not this platform's writer).
 * A draft's or a return's cells are skipped unread: they count in no view.
 */
public final class ReportEventDecoder {
    private static final JsonFactory JSON = new JsonFactory();

    /** Cell addresses are few (the template's) and repeat in every event: one key object each, shared. */
    private final Map<String, Map<String, Map<String, CellKey>>> keys = new HashMap<>();

    /** @throws UndecodableEventException when the record is not a readable UnitReportChanged of a known version */
    public CountedReport decode(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UndecodableEventException("not JSON or not an event envelope: not a JSON object");
            }
            String type = null;
            Integer version = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                switch (field) {
                    case "type" -> type = p.getValueAsString();
                    case "contractVersion" -> version = p.currentToken().isNumeric() ? p.getIntValue() : null;
                    case "data" -> {
                        if (type == null || version == null) {
                            return fallback(json);
                        }
                        requireKnown(type, version);
                        return data(p);
                    }
                    default -> p.skipChildren();
                }
            }
            throw new UndecodableEventException("not an event envelope: type or data missing");
        } catch (UndecodableEventException e) {
            throw e;
        } catch (IOException e) {
            // The wording EventCodec gives a record that does not parse, so a rejected record reads alike either way.
            throw new UndecodableEventException("not JSON or not an event envelope: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new UndecodableEventException("UnitReportChanged that does not fit its contract: " + e.getMessage());
        }
    }

    /** The same reading through the envelope's tree and the event's objects: the reference the streaming one keeps. */
    public static CountedReport counted(UnitReportChanged event) {
        ReportState state = state(event.state());
        EventIdentifiers.require(event);
        if (!UnitReportChanged.carriesReport(state)) {
            return new CountedReport(event.unit(), event.year(), event.version(), state, null);
        }
        if (event.unit() == null || event.report() == null || !event.unit().equals(event.report().unit())
                || event.year() != event.report().year()) {
            throw new UndecodableEventException("UnitReportChanged whose unit or year disagrees with its report");
        }
        CellSheet sheet = event.report().toSheet();
        sheet.cells().keySet().forEach(k -> {
            EventIdentifiers.check(Identifier.TABLE, "report.tables[].table", k.table());
            EventIdentifiers.check(Identifier.CELL, "report.tables[].cells[].row", k.row());
            EventIdentifiers.check(Identifier.CELL, "report.tables[].cells[].col", k.col());
        });
        return new CountedReport(event.unit(), event.year(), event.version(), state, sheet);
    }

    private static CountedReport fallback(String json) {
        EventEnvelope envelope = EventCodec.decode(json);
        requireKnown(envelope.type(), envelope.contractVersion());
        return counted(EventCodec.data(envelope, UnitReportChanged.class));
    }

    private static void requireKnown(String type, int version) {
        if (!UnitReportChanged.TYPE.equals(type)) {
            throw new UndecodableEventException("expected a " + UnitReportChanged.TYPE + ", not '" + type + "'");
        }
        if (version < UnitReportChanged.OLDEST_READ_VERSION || version > UnitReportChanged.CONTRACT_VERSION) {
            throw new UndecodableEventException(type + " contract version " + version + " is not known here (supported: "
                    + UnitReportChanged.OLDEST_READ_VERSION + " to " + UnitReportChanged.CONTRACT_VERSION + ")");
        }
    }

    private CountedReport data(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "data");
        String unit = null;
        Integer year = null;
        long version = 0;
        String state = null;
        Report report = null;
        boolean reportSkipped = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "unit" -> unit = text(p);
                case "year" -> year = integer(p, "year");
                case "version" -> version = whole(p, "version");
                case "state" -> state = text(p);
                case "report" -> {
                    if (value == JsonToken.VALUE_NULL) {
                        continue;
                    }
                    if (state != null && !UnitReportChanged.carriesReport(state(state))) {
                        p.skipChildren();
                        reportSkipped = true;
                    } else {
                        report = report(p);
                    }
                }
                default -> p.skipChildren();
            }
        }
        ReportState counted = state(state);
        EventIdentifiers.check(Identifier.NODE_CODE, "unit", unit);
        if (!UnitReportChanged.carriesReport(counted)) {
            return new CountedReport(unit, year == null ? 0 : year, version, counted, null);
        }
        if (reportSkipped || unit == null || year == null || report == null || !unit.equals(report.unit)
                || report.year == null || year.intValue() != report.year) {
            throw new UndecodableEventException("UnitReportChanged whose unit or year disagrees with its report");
        }
        return new CountedReport(unit, year, version, counted, report.inWanYuan());
    }

    /** A report being read: its cells as sent, converted to 万元 once the amount unit is known (it may come last). */
    private static final class Report {
        String unit;
        Integer year;
        AmountUnit amountUnit;
        final CellSheet cells = new CellSheet();

        CellSheet inWanYuan() {
            if (amountUnit == null) {
                throw new UndecodableEventException("UnitReportChanged whose report has no amountUnit");
            }
            if (amountUnit == AmountUnit.WAN_YUAN) {
                return cells;
            }
            CellSheet converted = new CellSheet();
            cells.cells().forEach((k, v) -> converted.add(k, amountUnit.toWanYuan(v)));
            return converted;
        }
    }

    private Report report(JsonParser p) throws IOException {
        expect(p, JsonToken.START_OBJECT, "report");
        Report r = new Report();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "unit" -> r.unit = text(p);
                case "year" -> r.year = integer(p, "report.year");
                case "amountUnit" -> r.amountUnit = AmountUnit.parse(text(p)).orElseThrow(
                        () -> new UndecodableEventException("UnitReportChanged with an unknown amountUnit"));
                case "tables" -> tables(p, r.cells);
                default -> p.skipChildren();
            }
        }
        return r;
    }

    private void tables(JsonParser p, CellSheet cells) throws IOException {
        expect(p, JsonToken.START_ARRAY, "report.tables");
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String table = null;
            boolean cellsRead = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("table".equals(field)) {
                    table = text(p);
                } else if ("cells".equals(field)) {
                    if (table == null) {
                        throw new UndecodableEventException("a table's cells come before its id");
                    }
                    cells(p, table, cells);
                    cellsRead = true;
                } else {
                    p.skipChildren();
                }
            }
            if (table == null || !cellsRead) {
                throw new UndecodableEventException("a report table without its id or its cells");
            }
        }
    }

    private void cells(JsonParser p, String table, CellSheet cells) throws IOException {
        expect(p, JsonToken.START_ARRAY, "report.tables[].cells");
        Map<String, Map<String, CellKey>> rows = keys.computeIfAbsent(table, t -> {
            EventIdentifiers.check(Identifier.TABLE, "report.tables[].table", t);
            return new HashMap<>();
        });
        while (p.nextToken() == JsonToken.START_OBJECT) {
            String row = null;
            String col = null;
            BigDecimal amount = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "row" -> row = text(p);
                    case "col" -> col = text(p);
                    case "amount" -> {
                        if (value != JsonToken.VALUE_STRING) {
                            throw new UndecodableEventException("an amount that is not a JSON string");
                        }
                        amount = new BigDecimal(p.getText());
                    }
                    default -> p.skipChildren();
                }
            }
            if (row == null || col == null || amount == null) {
                throw new UndecodableEventException("a cell without its row, column or amount");
            }
            String r = row;
            String c = col;
            // Checked once per address (the keys are kept): a row or column in a second spelling is a second cell.
            cells.add(rows.computeIfAbsent(r, x -> {
                EventIdentifiers.check(Identifier.CELL, "report.tables[].cells[].row", x);
                return new HashMap<>();
            }).computeIfAbsent(c, x -> {
                EventIdentifiers.check(Identifier.CELL, "report.tables[].cells[].col", x);
                return new CellKey(table, r, x);
            }), amount);
        }
    }

    private static ReportState state(String id) {
        try {
            return ReportState.fromId(id);
        } catch (RuntimeException e) {
            throw new UndecodableEventException("UnitReportChanged with unknown state '" + id + "'");
        }
    }

    private static String text(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new UndecodableEventException("expected a string at '" + p.currentName() + "'");
        }
        return p.getText();
    }

    private static long whole(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new UndecodableEventException("expected an integer at " + what);
        }
        return p.getLongValue();
    }

    private static Integer integer(JsonParser p, String what) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            throw new UndecodableEventException("expected an integer at " + what);
        }
        return p.getIntValue();
    }

    private static void expect(JsonParser p, JsonToken token, String what) {
        if (p.currentToken() != token) {
            throw new UndecodableEventException("expected " + token + " at " + what);
        }
    }
}
