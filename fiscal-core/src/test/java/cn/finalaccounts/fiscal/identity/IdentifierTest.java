package cn.finalaccounts.fiscal.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifierTest {
    @ParameterizedTest
    @ValueSource(strings = {"431200", "HH-RSJ", "HH-RSJ-YLGS", "W1", "DR1A-KILL_ACCOUNTS", "0"})
    void theDemoAndBenchmarkCodesAreCanonical(String code) {
        assertTrue(Identifier.NODE_CODE.matches(code));
        assertTrue(Identifier.NODE_CODE.problem(code).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X ", " X", "X\t", "X\u00A0", "X\u3000", "X\u200B", "\u200BX", "X\uFEFF", "X\u00AD",
            "x", "hh-rsj", "ＨＨ-ＲＳＪ", "４３１２００", "X%20", "X/Y", "X.Y", "-X", "_X", "X\u0000", "X\n", "X\uD800",
            "Χ" /* Greek capital chi */, "А" /* Cyrillic A */, ""})
    void everyOtherSpellingOfACodeIsRefused(String code) {
        assertFalse(Identifier.NODE_CODE.matches(code));
        assertTrue(Identifier.NODE_CODE.problem(code).isPresent());
    }

    @Test
    void sixtyFourCharactersAtMost() {
        assertTrue(Identifier.NODE_CODE.matches("A".repeat(64)));
        assertFalse(Identifier.NODE_CODE.matches("A".repeat(65)));
        assertFalse(Identifier.NODE_CODE.matches(null));
    }

    @Test
    void theReasonSaysWhatIsWrongAndNamesTheCanonicalSpelling() {
        assertEquals("'X ' is not a canonical spelling (leading or trailing space): use "
                + Identifier.NODE_CODE.description() + "; did you mean 'X'?", Identifier.NODE_CODE.problem("X ").get());
        assertEquals("'HH<U+200B>-RSJ' is not a canonical spelling (an invisible format character such as a zero-width"
                + " space): use " + Identifier.NODE_CODE.description() + "; did you mean 'HH-RSJ'?",
                Identifier.NODE_CODE.problem("HH\u200B-RSJ").get());
        assertEquals("'hh-rsj' is not a canonical spelling (lower-case letters): use "
                + Identifier.NODE_CODE.description() + "; did you mean 'HH-RSJ'?",
                Identifier.NODE_CODE.problem("hh-rsj").get());
        assertEquals("'ＨＨ-ＲＳＪ' is not a canonical spelling (a full-width character): use "
                + Identifier.NODE_CODE.description() + "; did you mean 'HH-RSJ'?",
                Identifier.NODE_CODE.problem("ＨＨ-ＲＳＪ").get());
        assertEquals("'２０２３' is not a canonical spelling (a full-width character): use "
                + Identifier.YEAR.description() + "; did you mean '2023'?", Identifier.YEAR.problem("２０２３").get());
        assertEquals("'Work-Injury' is not a canonical spelling (upper-case letters): use "
                + Identifier.REFERENCE.description() + "; did you mean 'work-injury'?",
                Identifier.REFERENCE.problem("Work-Injury").get());
        // No canonical spelling to suggest: none is named.
        assertEquals("'X/Y' is not a canonical spelling: use " + Identifier.NODE_CODE.description(),
                Identifier.NODE_CODE.problem("X/Y").get());
        assertNull(Identifier.NODE_CODE.canonical("X"));
    }

    @Test
    void yearsVersionsAndCellsHaveOneSpellingEach() {
        assertTrue(Identifier.YEAR.matches("2023"));
        for (String y : new String[] {"+2023", "02023", "2023 ", "２０２３", "٢٠٢٣", "-2023", "203"}) {
            assertFalse(Identifier.YEAR.matches(y), y);
        }
        assertTrue(Identifier.VERSION.matches("1"));
        assertTrue(Identifier.VERSION.matches("12"));
        assertFalse(Identifier.VERSION.matches("01"));
        assertFalse(Identifier.VERSION.matches("0"));
        assertFalse(Identifier.VERSION.matches("+1"));
        assertTrue(Identifier.TABLE.matches("01"));
        assertTrue(Identifier.TABLE.matches("N"));
        assertFalse(Identifier.TABLE.matches("1"));
        assertFalse(Identifier.TABLE.matches("n"));
        assertTrue(Identifier.CELL.matches("income_total"));
        assertTrue(Identifier.CELL.matches("2080505"));
        assertFalse(Identifier.CELL.matches("Income_total"));
        assertFalse(Identifier.CELL.matches("income_total "));
        assertTrue(Identifier.FUND_LEVEL.matches("全市"));
        assertTrue(Identifier.FUND_LEVEL.matches("市本级"));
        assertTrue(Identifier.FUND_LEVEL.matches("431202"));
        assertFalse(Identifier.FUND_LEVEL.matches("全市 "));
        assertFalse(Identifier.FUND_LEVEL.matches("４３１２０２"));
    }

    @Test
    void anAuditResourceIsAPathOfCanonicalSegments() {
        assertTrue(Identifier.RESOURCE.matches("units/HH-RSJ-YLGS/reports/2023"));
        assertTrue(Identifier.RESOURCE.matches("funds/2023/431200/work-injury"));
        assertTrue(Identifier.RESOURCE.matches("admin/snapshot"));
        for (String r : new String[] {"units/X /reports/2023", "units/HH%2DRSJ", "units//X", "units/X/", "units/X\u200B",
                "units/../admin", "units/ＨＨ"}) {
            assertFalse(Identifier.RESOURCE.matches(r), r);
        }
        assertEquals("'units/X ' is not a canonical spelling (leading or trailing space): use "
                + Identifier.RESOURCE.description() + "; did you mean 'units/X'?",
                Identifier.RESOURCE.problem("units/X ").get());
    }

    @Test
    void requireRefusesNamingTheField() {
        assertEquals("HH-RSJ", Identifier.NODE_CODE.require("parent", "HH-RSJ"));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Identifier.NODE_CODE.require("parent", "HH-RSJ "));
        assertEquals("parent", e.violations().get(0).field());
        assertEquals(1, e.violations().size());
    }
}
