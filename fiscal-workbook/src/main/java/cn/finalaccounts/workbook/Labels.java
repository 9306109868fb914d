package cn.finalaccounts.workbook;

import java.util.regex.Pattern;

/**
 * Printed labels compared the way a reader compares them: spaces of every width ignored ("项    目", the
 * full-width "　"), and the ordinal a layout puts in front ("七、", "（一）", "1.") set aside, because layouts
 * number the same row differently.
 */
final class Labels {
    private static final String DIGITS = "零一二三四五六七八九";
    private static final Pattern SPACE = Pattern.compile("[\\s\\u00a0\\u3000\\u2000-\\u200b\\ufeff]+");
    private static final Pattern ORDINAL = Pattern.compile(
            "^(?:[一二三四五六七八九十百]+[、．.]|[（(][一二三四五六七八九十百\\d]+[）)]、?|\\d+[、．.](?!\\d))");
    private static final Pattern AMONG_WHICH = Pattern.compile("^其中[:：]");

    private Labels() {
    }

    /** The text without any whitespace; null stays null. */
    static String plain(String text) {
        return text == null ? null : SPACE.matcher(text).replaceAll("");
    }

    /** The label as compared: plain, without a leading ordinal or "其中：". */
    static String key(String label) {
        String p = plain(label);
        if (p == null) {
            return "";
        }
        p = AMONG_WHICH.matcher(p).replaceFirst("");
        return ORDINAL.matcher(p).replaceFirst("");
    }

    /** The Chinese ordinal a printed list puts in front of its n-th row: 1 → "一、", 12 → "十二、", 27 → "二十七、". */
    static String ordinal(int n) {
        if (n < 1 || n > 99) {
            throw new IllegalArgumentException("ordinal " + n);
        }
        int tens = n / 10;
        int ones = n % 10;
        String text = (tens == 0 ? "" : (tens == 1 ? "" : String.valueOf(DIGITS.charAt(tens))) + "十")
                + (ones == 0 ? "" : String.valueOf(DIGITS.charAt(ones)));
        return text + "、";
    }
}
