package cn.finalaccounts.support.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The text rule of issue 20, character class by character class. */
class UnicodeTextTest {
    @Test
    void controlsNoncharactersAndPrivateUseAreForbiddenTabAndLineBreaksAreNot() {
        for (String bad : List.of("\u0000", "a\u0001", "\u001b[31m", "\u007f", "\u0085", "\u009f", "\ufdd0", "\ufdef",
                "\ufffe", "\uffff", new String(Character.toChars(0x1fffe)), new String(Character.toChars(0x10ffff)),
                "\ue000", "\uf8ff", new String(Character.toChars(0xf0000)), new String(Character.toChars(0x100000)))) {
            assertEquals(bad.startsWith("a") ? 1 : 0, UnicodeText.firstForbidden(bad),
                    () -> String.format("U+%04X", bad.codePointAt(bad.length() - 1)));
        }
        for (String fine : List.of("", "怀化市\t养老\n工伤\r\n", "ＡＢＣ１２３", "\u200b\u200e\ufeff\u2066", "\ud83c\udfe2",
                new String(Character.toChars(0x20000)), "e\u0301", "\ufdcf\ufdf0\ufffd")) {
            assertEquals(-1, UnicodeText.firstForbidden(fine), fine);
        }
        assertTrue(UnicodeText.forbiddenReason("ab\u0000", 2).startsWith("a control character (U+0000) at character 2"));
        assertTrue(UnicodeText.forbiddenReason("\ue000", 0).startsWith("a private-use character (U+E000)"));
        assertTrue(UnicodeText.forbiddenReason("\ufffe", 0).startsWith("a noncharacter (U+FFFE)"));
    }

    @Test
    void aTextOfSpacesFormatCharactersAndLoneMarksIsBlank() {
        for (String blank : List.of("", " ", "\u200b", "\u200b\u200e\u200f\ufeff", "\u3000\u00a0", "\u2066\u2069",
                "\u0301", "\u00ad", "\t\n")) {
            assertTrue(UnicodeText.isBlank(blank), blank);
        }
        assertTrue(UnicodeText.isBlank(null));
        for (String text : List.of("a", "\u200b一\u200b", "Ａ", "\ud83c\udfe2", "e\u0301")) {
            assertFalse(UnicodeText.isBlank(text), text);
        }
        assertEquals(2, UnicodeText.visibleCount("\u200ba\u200b\u200bb\u0301 "));
    }

    @Test
    void aOneLineTextHasNoTabOrLineBreak() {
        assertEquals(-1, UnicodeText.firstLineBreak("怀化市 人社局"));
        assertEquals(1, UnicodeText.firstLineBreak("a\nb"));
        assertEquals(1, UnicodeText.firstLineBreak("a\u2028b"));
        assertEquals(0, UnicodeText.firstLineBreak("\tb"));
    }
}
