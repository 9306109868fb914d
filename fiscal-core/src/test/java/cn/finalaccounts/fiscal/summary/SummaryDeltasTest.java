package cn.finalaccounts.fiscal.summary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.CountedView;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A batch's deltas keep a handed-in sheet without copying it, and never change it. */
class SummaryDeltasTest {
    private static final CellKey INCOME = new CellKey("01", "income_total", "1");

    private static CellSheet sheet(String amount) {
        CellSheet s = new CellSheet();
        s.add(INCOME, new BigDecimal(amount));
        return s;
    }

    @Test
    void aSheetAddedToTheUnitAndItsAncestorsIsSummedPerKeyAndLeftAsItWas() {
        SummaryDeltas deltas = new SummaryDeltas();
        CellSheet first = sheet("901.39");
        deltas.add("U1", CountedView.SUBMITTED, 2023, first);
        deltas.add("D", CountedView.SUBMITTED, 2023, first);
        deltas.add("D", CountedView.SUBMITTED, 2023, sheet("0.16"));
        deltas.add("D", CountedView.SUBMITTED, 2023, sheet("-1.00"));

        Map<SummaryKey, CellSheet> drained = deltas.drain();

        assertEquals(new BigDecimal("901.39"), first.cells().get(INCOME));
        assertEquals(new BigDecimal("901.39"), drained.get(new SummaryKey("U1", CountedView.SUBMITTED, 2023)).cells().get(INCOME));
        assertEquals(new BigDecimal("900.55"), drained.get(new SummaryKey("D", CountedView.SUBMITTED, 2023)).cells().get(INCOME));
        assertEquals(true, deltas.isEmpty());
    }
}
