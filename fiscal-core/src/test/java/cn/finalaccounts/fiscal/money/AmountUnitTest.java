package cn.finalaccounts.fiscal.money;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class AmountUnitTest {
    @Test
    void yuanConvertsToWanYuanExactly() {
        assertEquals(new BigDecimal("901.2300"), AmountUnit.YUAN.toWanYuan(new BigDecimal("9012300")));
        assertEquals(new BigDecimal("0.000001"), AmountUnit.YUAN.toWanYuan(new BigDecimal("0.01")));
        assertEquals(new BigDecimal("901.23"), AmountUnit.WAN_YUAN.toWanYuan(new BigDecimal("901.23")));
    }

    @Test
    void amountsPrintPlainWithAtLeastTwoDecimals() {
        assertEquals("15.00", Amounts.format(new BigDecimal("15")));
        assertEquals("901.23", Amounts.format(new BigDecimal("901.230000")));
        assertEquals("0.160007", Amounts.format(new BigDecimal("0.160007")));
        assertEquals("1000.00", Amounts.format(new BigDecimal("1E+3")));
        assertEquals("0.00", Amounts.format(BigDecimal.ZERO));
    }
}
