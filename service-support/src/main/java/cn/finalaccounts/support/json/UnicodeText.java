package cn.finalaccounts.support.json;

/**
 * A JSON string may carry a lone UTF-16 surrogate as an escape ({@code "\ud800"}), which is no character at all:
 * utf8mb4 columns would store it as '?', silently changing what the client sent. Such strings are refused.
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

    static String reason(String text, int index) {
        return String.format("not valid Unicode: a lone surrogate \\u%04x at character %d", (int) text.charAt(index),
                index);
    }
}
