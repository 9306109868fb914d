package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether the region's 汇总 equals, cell for cell and exactly, the sum of the reports the benchmark had accepted:
 * so nothing else changed a figure (not the malformed saves, not a lost or doubled event, not the rebuild).
 */
final class RegionCheck {
    record Result(int cellsCompared, int cellsDiffering, String firstDifference) {
    }

    private RegionCheck() {
    }

    static Result compare(Collection<ReportBody> accepted, FiscalYear year, JsonNode summary) {
        CellSheet expected = new CellSheet();
        for (ReportBody report : accepted) {
            expected.addAll(SentReports.storedCells(report, year));
        }
        return compare(expected, summary);
    }

    /**
     * The same comparison against an expected sheet built elsewhere (the fault drill sums the approved versions as
     * accounts-service keeps them). A 汇总 that is missing (a 404 answer given as an empty node) differs in every
     * expected cell.
     */
    static Result compare(CellSheet expected, JsonNode summary) {
        Map<CellKey, BigDecimal> want = new HashMap<>();
        expected.cells().forEach((k, v) -> {
            if (v.signum() != 0) {
                want.put(k, v);
            }
        });
        Map<CellKey, BigDecimal> have = new HashMap<>();
        for (JsonNode table : summary.path("tables")) {
            for (JsonNode cell : table.path("cells")) {
                have.put(new CellKey(table.path("table").asText(), cell.path("row").asText(), cell.path("col").asText()),
                        new BigDecimal(cell.path("amount").asText()));
            }
        }
        Set<CellKey> all = new HashSet<>(want.keySet());
        all.addAll(have.keySet());
        int differing = 0;
        String first = null;
        for (CellKey k : all) {
            BigDecimal w = want.get(k);
            BigDecimal h = have.get(k);
            if (w == null || h == null || w.compareTo(h) != 0) {
                differing++;
                if (first == null) {
                    first = k + ": expected " + w + ", the 汇总 has " + h;
                }
            }
        }
        return new Result(all.size(), differing, first);
    }
}
