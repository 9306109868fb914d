package cn.finalaccounts.fiscal.identity;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one grammar of every identifier that enters the platform in a path, a query, a body or an event: each has
 * exactly one spelling. The database compares codes with a PAD SPACE collation ({@code 'X ' = 'X'}) while Java
 * compares them exactly, so a second spelling of a code ({@code X } beside {@code X}, {@code ｘ}, {@code X\u200B})
 * would be one unit to a lookup and two to the 汇总, the audit trail and the events. Nothing here normalises a
 * spelling into another: a non-canonical one is refused, with the canonical spelling named when there is one, so a
 * client learns the one spelling instead of two spellings living on side by side.
 *
 * <p>Every grammar is plain ASCII. Node and project codes are upper case (the demo's 431200, HH-RSJ-YLGS; every
 * fixture and benchmark code): a code has no lower-case spelling at all, so {@code hh-rsj} is refused rather than
 * becoming a second unit beside {@code HH-RSJ}. The ids the platform itself defines (funds, classifications, table
 * rows and columns) are lower case, as they are written in its templates and enums.
 */
public enum Identifier {
    /** A node of the organisation tree (region, department, unit): 431200, HH-RSJ, HH-RSJ-YLGS. */
    NODE_CODE("[A-Z0-9][A-Z0-9_-]{0,63}", Case.UPPER,
            "1–64 upper-case ASCII letters, digits, '-' or '_', starting with a letter or digit, e.g. HH-RSJ-YLGS"),
    /** A unit's project fund (项目): P02, B2. The same shape as a node code. */
    PROJECT_CODE("[A-Z0-9][A-Z0-9_-]{0,63}", Case.UPPER,
            "1–64 upper-case ASCII letters, digits, '-' or '_', starting with a letter or digit, e.g. P02"),
    /** A fiscal year (年度) in a path: four ASCII digits, no sign, no padding. */
    YEAR("[0-9]{4}", Case.AS_IS, "four ASCII digits, e.g. 2023"),
    /** A version number of a report: a whole number from 1, no sign, no leading zero. */
    VERSION("[1-9][0-9]{0,8}", Case.AS_IS, "a whole number from 1 in ASCII digits, no leading zero, e.g. 2"),
    /** A table of the year's template: 01–09 for 公开01–09表 (two ASCII digits), N for the 情况说明's figures. */
    TABLE("[0-9]{2}|N", Case.UPPER, "two ASCII digits, e.g. 01, or N (the figures the 情况说明 cites)"),
    /** A row or column of a table: the template's ids, lower-case ASCII, digits and '_' (income_total, 2080505, 1). */
    CELL("[a-z0-9][a-z0-9_]{0,63}", Case.LOWER,
            "1–64 lower-case ASCII letters, digits or '_', as in the year's template, e.g. income_total or 1"),
    /** An id the platform defines (a fund, a classification): work-injury, functional. */
    REFERENCE("[a-z][a-z0-9-]{0,63}", Case.LOWER,
            "1–64 lower-case ASCII letters, digits or '-', starting with a letter, e.g. work-injury"),
    /** A level of a region's fund statistics: 全市, 市本级 or a county's six-digit code. */
    FUND_LEVEL("全市|市本级|[0-9]{6}", Case.AS_IS, "全市, 市本级 or a county's six ASCII digits, e.g. 431202"),
    /**
     * A resource of the audit trail: the decoded path under /api/v1, segments of ASCII letters, digits, '-' and '_'
     * joined by single '/' (units/HH-RSJ-YLGS/reports/2023, funds/2023/431200/work-injury).
     */
    RESOURCE("[A-Za-z0-9][A-Za-z0-9_-]*(/[A-Za-z0-9][A-Za-z0-9_-]*)*", Case.AS_IS,
            "a path under /api/v1 of ASCII letters, digits, '-' and '_' between single '/', e.g."
                    + " units/HH-RSJ-YLGS/reports/2023");

    /** Which case the canonical spelling has, to suggest it for a spelling in the other case. */
    private enum Case { UPPER, LOWER, AS_IS }

    private static final Pattern INVISIBLE = Pattern.compile("[\\p{Cf}\\p{Cc}\\p{Z}\\s]+");

    private final Pattern grammar;
    private final Case letterCase;
    private final String description;

    Identifier(String grammar, Case letterCase, String description) {
        this.grammar = Pattern.compile(grammar);
        this.letterCase = letterCase;
        this.description = description;
    }

    /** The grammar as a regular expression (for an OpenAPI {@code pattern}, anchored there by the reader). */
    public String pattern() {
        return grammar.pattern();
    }

    /** What a canonical spelling looks like, in words, with an example. */
    public String description() {
        return description;
    }

    public boolean matches(String value) {
        return value != null && grammar.matcher(value).matches();
    }

    /**
     * Why {@code value} is not a canonical spelling, naming what is wrong and, when it is plainly another spelling of
     * a canonical one, that spelling; empty when it is canonical.
     */
    public Optional<String> problem(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.of("required: " + description);
        }
        if (matches(value)) {
            return Optional.empty();
        }
        String quoted = quote(value);
        String what = whatIsWrong(value);
        String canonical = canonical(value);
        return Optional.of(quoted + " is not a canonical spelling" + (what.isEmpty() ? "" : " (" + what + ")")
                + ": use " + description + (canonical == null ? "" : "; did you mean '" + canonical + "'?"));
    }

    /** Adds a violation on {@code field} when {@code value} is not canonical; true when it is. */
    public boolean check(String field, String value, List<Violation> violations) {
        Optional<String> p = problem(value);
        p.ifPresent(reason -> violations.add(new Violation(field, reason)));
        return p.isEmpty();
    }

    /** The value, or a 422-bound refusal naming {@code field}. */
    public String require(String field, String value) {
        problem(value).ifPresent(reason -> {
            throw new InvalidInputException(field, reason);
        });
        return value;
    }

    /**
     * The canonical spelling {@code value} is plainly meant as: compatibility forms folded (full-width letters and
     * digits), invisible and space characters dropped, letters in the grammar's case; null when even that is not
     * canonical, or when it is the value itself.
     */
    String canonical(String value) {
        String folded = INVISIBLE.matcher(Normalizer.normalize(value, Normalizer.Form.NFKC)).replaceAll("");
        folded = switch (letterCase) {
            case UPPER -> folded.toUpperCase(Locale.ROOT);
            case LOWER -> folded.toLowerCase(Locale.ROOT);
            case AS_IS -> folded;
        };
        return !folded.equals(value) && matches(folded) ? folded : null;
    }

    private String whatIsWrong(String value) {
        if (!value.equals(value.strip())) {
            return "leading or trailing space";
        }
        if (value.codePoints().anyMatch(c -> Character.getType(c) == Character.FORMAT)) {
            return "an invisible format character such as a zero-width space";
        }
        if (value.codePoints().anyMatch(Character::isISOControl)) {
            return "a control character";
        }
        if (value.codePoints().anyMatch(Character::isWhitespace) || value.codePoints().anyMatch(Character::isSpaceChar)) {
            return "a space";
        }
        if (value.codePoints().anyMatch(c -> c >= 0xFF01 && c <= 0xFF5E)) {
            return "a full-width character";
        }
        if (value.codePoints().anyMatch(c -> c > 0x7F) && !value.matches("[\\x{4E00}-\\x{9FFF}]+")) {
            return "a character outside ASCII";
        }
        if (letterCase == Case.UPPER && !value.equals(value.toUpperCase(Locale.ROOT))) {
            return "lower-case letters";
        }
        if (letterCase == Case.LOWER && !value.equals(value.toLowerCase(Locale.ROOT))) {
            return "upper-case letters";
        }
        return "";
    }

    /** The value as shown in a reason: invisible and control characters as U+XXXX, so the reader sees them. */
    private static String quote(String value) {
        StringBuilder b = new StringBuilder("'");
        int shown = 0;
        for (int i = 0; i < value.length() && shown < 80; ) {
            int c = value.codePointAt(i);
            i += Character.charCount(c);
            shown++;
            int type = Character.getType(c);
            if (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || (Character.isSpaceChar(c) && c != ' ')) {
                b.append(String.format("<U+%04X>", c));
            } else {
                b.appendCodePoint(c);
            }
        }
        return b.append(shown < value.codePointCount(0, value.length()) ? "…'" : "'").toString();
    }
}
