package cn.finalaccounts.support.json;

/**
 * What text the services take from a request, in one place (docs/api.md, "Text"). Every string of a JSON body is
 * checked as it is read ({@link StrictJson}); names and labels are checked again where they are kept.
 * <ul>
 * <li>A JSON string may carry a lone UTF-16 surrogate as an escape ({@code "\ud800"}), which is no character at
 * all: utf8mb4 columns would store it as '?', silently changing what the client sent. Refused (400, like any JSON
 * that is not valid).</li>
 * <li>Control characters (C0 but tab, line feed and carriage return; DEL; C1), noncharacters (U+FDD0–U+FDEF and
 * the last two code points of every plane, U+FFFE, U+FFFF…) and private-use characters (U+E000–U+F8FF, planes 15
 * and 16) are in no 决算 text: they print as nothing or as a box, and a NUL cuts the text short in C clients and
 * exported files. Refused (422 naming the field).</li>
 * <li>A name or label ({@link #isBlank}) must hold something visible: only spaces, format characters (U+200B
 * zero-width space, U+200E, U+FEFF, U+2066 isolates…) or combining marks with nothing to combine with is blank.
 * It is one line ({@link #firstLineBreak}): tab and line breaks are kept for long free text (a reason, a memo, a
 * goal).</li>
 * </ul>
 * Full-width letters and digits, CJK of every plane, emoji and joiners inside a name are text as people write it,
 * and taken as sent (an amount or a code is checked by its own grammar).
 */
public final class UnicodeText {
    private UnicodeText() {
    }

    /** The index of the first unpaired surrogate, or -1 when the text is valid Unicode. */
    public static int firstUnpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return i;
            }
            if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first character no text of a request may hold (a control but tab, LF and CR; a noncharacter;
     * a private-use character), or -1. Lone surrogates are {@link #firstUnpairedSurrogate}'s.
     */
    public static int firstForbidden(String text) {
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isForbidden(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    static boolean isForbidden(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        return Character.getType(cp) == Character.CONTROL
                || Character.getType(cp) == Character.PRIVATE_USE
                || isNoncharacter(cp);
    }

    static boolean isNoncharacter(int cp) {
        return cp >= 0xFDD0 && cp <= 0xFDEF || (cp & 0xFFFE) == 0xFFFE;
    }

    /**
     * Whether nothing visible is left once spaces (any Unicode space or whitespace), format characters (category Cf)
     * and combining marks are taken away: a name of only U+200B is blank, like one of only spaces.
     */
    public static boolean isBlank(String text) {
        return visibleCount(text) == 0;
    }

    /** How many characters are left once spaces, format characters, combining marks and controls are taken away. */
    public static int visibleCount(String text) {
        if (text == null) {
            return 0;
        }
        int visible = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int type = Character.getType(cp);
            boolean invisible = Character.isWhitespace(cp) || Character.isSpaceChar(cp) || type == Character.FORMAT
                    || type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.CONTROL;
            if (!invisible) {
                visible++;
            }
            i += Character.charCount(cp);
        }
        return visible;
    }

    /** The index of the first tab or line break (LF, CR, NEL, U+2028, U+2029) in a text meant as one line, or -1. */
    public static int firstLineBreak(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r' || c == '\u000b' || c == '\f' || c == '\u0085' || c == '\u2028'
                    || c == '\u2029') {
                return i;
            }
        }
        return -1;
    }

    /** Why a one-line text is refused for its line break at {@code index}. */
    public static String lineBreakReason(String text, int index) {
        return String.format("one line: a tab or line break (U+%04X) at character %d", (int) text.charAt(index), index);
    }

    static String reason(String text, int index) {
        return String.format("not valid Unicode: a lone surrogate \\u%04x at character %d", (int) text.charAt(index),
                index);
    }

    /** Why the text is refused for its character at {@code index} ({@link #firstForbidden}). */
    public static String forbiddenReason(String text, int index) {
        int cp = text.codePointAt(index);
        String kind = Character.getType(cp) == Character.CONTROL ? "a control character"
                : Character.getType(cp) == Character.PRIVATE_USE ? "a private-use character" : "a noncharacter";
        return String.format("%s (U+%04X) at character %d; no text here may hold controls other than tab and line"
                + " breaks, noncharacters or private-use characters", kind, cp, index);
    }
}
