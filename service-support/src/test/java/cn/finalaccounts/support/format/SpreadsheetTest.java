package cn.finalaccounts.support.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SpreadsheetTest {
    @Test
    void theFileNameTravelsPercentEncodedInUtf8WithAnAsciiFallback() {
        assertEquals("attachment; filename=\"HH-RSJ-YLGS-2023.xlsx\"; filename*=UTF-8''"
                + "HH-RSJ-YLGS-2023-%E5%86%B3%E7%AE%97.xlsx", Spreadsheet.contentDisposition("HH-RSJ-YLGS-2023-决算.xlsx"));
        assertEquals("attachment; filename=\"2023.xlsx\"; filename*=UTF-8''"
                + "2023-%E5%86%B3%E7%AE%97-%E7%A9%BA%E7%99%BD%E8%A1%A8%E6%A0%B7.xlsx",
                Spreadsheet.contentDisposition("2023-决算-空白表样.xlsx"));
        // A space or a quote never reaches the header unencoded.
        assertEquals("a%20b%22c", Spreadsheet.percentEncoded("a b\"c"));
    }
}
