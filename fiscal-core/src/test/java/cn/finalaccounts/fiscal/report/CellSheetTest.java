package cn.finalaccounts.fiscal.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CellSheetTest {
    private static final CellKey INCOME = new CellKey("01", "income_total", "1");
    private static final CellKey OTHER = new CellKey("01", "other_income", "1");
    private static final CellKey BUSINESS = new CellKey("01", "business_income", "1");

    @Test
    void aCorrectionRetractsTheOldFigureInsteadOfAddingToIt() {
        CellSheet old = sheet(Map.of(INCOME, "901.39", OTHER, "0.16"));
        CellSheet corrected = sheet(Map.of(INCOME, "901.40", BUSINESS, "0.01"));

        CellSheet delta = corrected.minus(old);

        assertEquals(Map.of(INCOME, new BigDecimal("0.01"), OTHER, new BigDecimal("-0.16"), BUSINESS,
                new BigDecimal("0.01")), delta.cells());
        CellSheet summary = sheet(Map.of(INCOME, "1000.00", OTHER, "0.16"));
        summary.addAll(delta);
        assertEquals(new BigDecimal("1000.01"), summary.cells().get(INCOME));
        assertEquals(0, summary.cells().get(OTHER).signum());
    }

    @Test
    void aCellACorrectionEmptiesLeavesTheSummaryInsteadOfStayingAtZero() {
        CellSheet summary = sheet(Map.of(INCOME, "1000.00", OTHER, "0.16"));

        summary.addAllDroppingZeros(sheet(Map.of(INCOME, "0.01", OTHER, "-0.160", BUSINESS, "0.01")));

        assertEquals(Map.of(INCOME, new BigDecimal("1000.01"), BUSINESS, new BigDecimal("0.01")), summary.cells());
    }

    @Test
    void anUnchangedReportHasAnEmptyDelta() {
        CellSheet a = sheet(Map.of(INCOME, "901.39"));
        CellSheet b = sheet(Map.of(INCOME, "901.390"));

        assertEquals(Map.of(), b.minus(a).cells());
    }

    private static CellSheet sheet(Map<CellKey, String> cells) {
        CellSheet s = new CellSheet();
        cells.forEach((k, v) -> s.add(k, new BigDecimal(v)));
        return s;
    }
}
