package cn.finalaccounts.fiscal.narrative;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class SharesTest {
    static List<BigDecimal> d(String... values) {
        return java.util.Arrays.stream(values).map(BigDecimal::new).toList();
    }

    @Test
    void threeEqualPartsAddUpTo100NotTo9999() {
        // Rounded one by one each would be 33.33%; the missing hundredth goes to the first of the equal remainders.
        assertEquals(d("33.34", "33.33", "33.33"), Shares.of(d("1", "1", "1")));
    }

    @Test
    void theLargestRemaindersGetTheMissingHundredths() {
        // 901.23 / 901.39 = 99.98225…, 0.16 / 901.39 = 0.01775…: floors 9998 + 1, the hundredth goes to the 0.01775.
        assertEquals(d("99.98", "0.02", "0.00"), Shares.of(d("901.23", "0.16", "0")));
        // 2/3 and 1/3 with a third part: 66.666…, 33.333…, 0
        assertEquals(d("66.67", "33.33", "0.00"), Shares.of(d("2", "1", "0")));
    }

    @Test
    void nothingToShareGivesNoShares() {
        assertEquals(List.of(), Shares.of(d("0", "0")));
    }

    @Test
    void aRateRoundsHalfUp() {
        assertEquals(new BigDecimal("97.31"), Shares.rate(new BigDecimal("901.23"), new BigDecimal("926.13")));
        assertEquals(new BigDecimal("14.94"), Shares.rate(new BigDecimal("1.20"), new BigDecimal("8.03")));
    }
}
