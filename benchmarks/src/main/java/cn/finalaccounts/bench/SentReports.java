package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.SubtotalDeriver;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a W1 run sent the platform, kept so that the raw ceilings push the very same load through bare clients:
 * every accepted save's JSON bytes (the Kafka ceiling's records) and each unit's latest accepted report (the JDBC
 * ceiling's cells). Malformed saves are not kept: the platform refused them, so it stored nothing of them.
 *
 * <p>Thread-safe: W1's clients record concurrently. At 10,000 units of ~10 KB JSON and ~230 sent cells this is a
 * few hundred MB of heap, well within the load generator's default heap.
 */
final class SentReports {
    /** One record for the Kafka ceiling: keyed by the unit code, as the platform keys its report events. */
    record Payload(String unit, byte[] json) {
    }

    private final List<Payload> payloads = new ArrayList<>();
    private final Map<String, Payload> lastSaved = new ConcurrentHashMap<>();
    private final Map<String, ReportBody> latest = new ConcurrentHashMap<>();

    /** An accepted save: one record, and the unit's report as the platform now holds it. */
    void saved(String unit, ReportBody report, String json) {
        Payload p = new Payload(unit, json.getBytes(StandardCharsets.UTF_8));
        synchronized (payloads) {
            payloads.add(p);
        }
        lastSaved.put(unit, p);
        latest.put(unit, report);
    }

    /**
     * An accepted submission: the platform publishes the whole report again (with its new state), so the ceiling
     * sends one more record of the same size; the bytes of the unit's last save stand in for it.
     */
    void submitted(String unit) {
        Payload p = lastSaved.get(unit);
        if (p == null) {
            throw new IllegalStateException("submitted " + unit + " before any accepted save");
        }
        synchronized (payloads) {
            payloads.add(p);
        }
    }

    List<Payload> payloads() {
        synchronized (payloads) {
            return List.copyOf(payloads);
        }
    }

    /** Each unit's latest accepted report, as sent (subtotals not yet derived). */
    Collection<ReportBody> latestReports() {
        return new ArrayList<>(latest.values());
    }

    /** How many cells the platform holds for the run's units: the derived cells of every latest version. */
    long storedCellCount(FiscalYear year) {
        long n = 0;
        for (ReportBody r : latest.values()) {
            n += storedCells(r, year).size();
        }
        return n;
    }

    /**
     * The cells the platform stores for a report: a save derives the blank 款/类/合计 subtotals
     * (SubtotalDeriver, in the accounts service) and the 汇总 adds the completed report in 万元 (ReportBody.toSheet,
     * in aggregation-service's SummaryUpdater). Its extra "units in" counter cell is left out: it is bookkeeping, not
     * a cell of the report.
     */
    static CellSheet storedCells(ReportBody sent, FiscalYear year) {
        return SubtotalDeriver.complete(sent, year).toSheet();
    }
}
