package cn.finalaccounts.fiscal.money;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportCell;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AmountCeilingTest {
    /** The narrowest amount column downstream, DECIMAL(18, 2), holds less than 10¹⁶. */
    private static final BigDecimal DECIMAL_18_2 = new BigDecimal("1E16");

    @Test
    void theCeilingIsAcceptedAndOneCentMoreIsRefused() {
        List<Violation> v = new ArrayList<>();
        assertEquals(new BigDecimal("9999999999.99"), AmountInput.parse(new TextNode("9999999999.99"), "amount", v));
        assertEquals(new BigDecimal("-9999999999.99"), AmountInput.parse(new TextNode("-9999999999.99"), "amount", v));
        assertTrue(v.isEmpty());
        assertNull(AmountInput.parse(new TextNode("10000000000.00"), "amount", v));
        assertEquals("amount", v.get(0).field());
        assertTrue(v.get(0).reason().contains("9999999999.99 万元"), v.get(0).reason());
    }

    @Test
    void inYuanTheSameSumIsAccepted() {
        List<Violation> v = new ArrayList<>();
        assertEquals(new BigDecimal("99999999999900.00"),
                AmountInput.parse(new TextNode("99999999999900.00"), "a", AmountUnit.YUAN, v));
        assertNull(AmountInput.parse(new TextNode("99999999999900.01"), "a", AmountUnit.YUAN, v));
        assertEquals(1, v.size());
    }

    @Test
    void aDerivedTotalAboveTheCeilingIsNamedByItsCell() {
        ReportBody report = new ReportBody("U", 2023, AmountUnit.WAN_YUAN, List.of(new ReportTable("03", List.of(
                new ReportCell("2080109", "1", new BigDecimal("9999999999.99")),
                new ReportCell("total", "1", new BigDecimal("19999999999.98"), true)))));
        List<Violation> v = new ArrayList<>();
        AmountCeiling.check(report, v);
        assertEquals(List.of("03.total.1"), v.stream().map(Violation::field).toList());
    }

    @Test
    void aMillionUnitsAtTheCeilingStillFitTheNarrowestColumnWithRoomToSpare() {
        BigDecimal millionUnits = AmountCeiling.MAX_WAN_YUAN.multiply(BigDecimal.valueOf(1_000_000));
        assertTrue(millionUnits.compareTo(DECIMAL_18_2) < 0, millionUnits.toPlainString());
    }
}
