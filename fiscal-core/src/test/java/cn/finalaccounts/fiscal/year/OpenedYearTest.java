package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A year opened from the files a bureau gives: built from them, kept for good, learnt where it is first asked. */
class OpenedYearTest {
    private final FiscalYears years = FiscalYears.ofBundled();
    private final FiscalYear y2023 = years.year(2023).orElseThrow();
    private final YearSources s2023 = years.sources(2023).orElseThrow();

    @Test
    void anOpenedYearHasItsNewListAndTwentyTwentyThreeKeepsItsOwn() {
        FiscalYear y2024 = years.add(plan(functionalWith("22006,耕地保护考核奖惩基金支出,款\n")).sources());

        Subject kuan = y2024.functional().find("22006").orElseThrow();
        assertEquals(new Subject("22006", SubjectLevel.KUAN, "耕地保护考核奖惩基金支出", "220", "high", ""), kuan);
        assertEquals(y2023.functional().subjects().size() + 1, y2024.functional().subjects().size());
        assertEquals(Optional.empty(), y2023.functional().find("22006"));
        assertEquals(Optional.empty(), years.year(2023).orElseThrow().functional().find("22006"));
        // A code carried unchanged keeps the confidence and note the year before gave it.
        Subject carried = y2023.functional().subjects().stream().filter(s -> s.confidence().equals("medium"))
                .findFirst().orElseThrow();
        assertEquals(carried, y2024.functional().find(carried.code()).orElseThrow());
        // Templates and rules are inherited: the same tables, the same 审核公式; the economic list too.
        assertEquals(y2023.template().tables().size(), y2024.template().tables().size());
        assertEquals(y2023.rules().rules().size(), y2024.rules().rules().size());
        assertEquals(y2023.economic().subjects().size(), y2024.economic().subjects().size());
        assertNotEquals(years.digest(2023), years.digest(2024));
        assertEquals(List.of(2023, 2024), List.copyOf(years.available()));
    }

    @Test
    void theSameFilesAgainChangeNothingAndOtherFilesForAnOpenYearAreRefused() {
        YearSources first = plan(functionalWith("22006,耕地保护考核奖惩基金支出,款\n")).sources();
        FiscalYear opened = years.add(first);

        assertSame(opened, years.add(plan(functionalWith("22006,耕地保护考核奖惩基金支出,款\n")).sources()));
        YearSources other = plan(functionalWith("")).sources();
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> years.add(other));
        assertEquals("year 2024 is open already with other files (" + first.contentDigest() + ", not "
                + other.contentDigest() + ")", refused.getMessage());
        assertTrue(years.year(2024).orElseThrow().functional().find("22006").isPresent());
    }

    @Test
    void aYearNotKnownIsAskedOfTheLookupOnceAndThenKept() {
        YearSources opened = plan(functionalWith("22006,耕地保护考核奖惩基金支出,款\n")).sources();
        AtomicInteger asked = new AtomicInteger();
        years.lookUpWith(year -> {
            asked.incrementAndGet();
            return year == 2024 ? Optional.of(opened) : Optional.empty();
        });

        assertTrue(years.year(2025).isEmpty());
        assertTrue(years.year(2024).orElseThrow().functional().find("22006").isPresent());
        years.year(2024);
        years.sources(2024);

        assertEquals(2, asked.get());
        assertTrue(years.year(1999).isEmpty());
        assertEquals(2, asked.get(), "a year outside 2000–2099 is never asked for");
    }

    @Test
    void aRuleThatNamesAFigureTheYearDoesNotNameStopsTheOpening() {
        String rules = new String(s2023.file(YearSources.NARRATIVE_RULES), StandardCharsets.UTF_8)
                .replaceFirst("#last\\.fiscal_appropriation_income", "#last.fiscal_income");
        YearOpening.Plan plan = YearOpening.dryRun(s2023, y2023, 2024, new YearOpening.YearFiles(
                Map.of(Classification.FUNCTIONAL, functionalWith("")), Map.of(),
                Map.of(YearSources.NARRATIVE_RULES, rules.getBytes(StandardCharsets.UTF_8))));

        assertFalse(plan.opens());
        assertEquals(1, plan.problems().size(), plan.problems().toString());
        assertTrue(plan.problems().get(0).toString().startsWith("narrative-rules.json: rule NY02A: '#last.fiscal_income'"
                + " names no figure; named-figures.json names [basic_expense, "), plan.problems().toString());
    }

    @Test
    void aGivenRuleBookThatNamesACodeTheListsLackOrATemplateThatDoesNotReadStopsTheOpening() {
        String rules = new String(s2023.file(YearSources.AUDIT_RULES), StandardCharsets.UTF_8)
                .replace("#expense_total = sum(T01.类.2)", "#expense_total = sum(T01.类.2) + T05.2999999.2");
        YearOpening.Plan withRules = YearOpening.dryRun(s2023, y2023, 2024, new YearOpening.YearFiles(
                Map.of(Classification.FUNCTIONAL, functionalWith("")), Map.of(),
                Map.of(YearSources.AUDIT_RULES, rules.getBytes(StandardCharsets.UTF_8))));
        YearOpening.Plan withTemplate = YearOpening.dryRun(s2023, y2023, 2024, new YearOpening.YearFiles(
                Map.of(Classification.FUNCTIONAL, functionalWith("")), Map.of(),
                Map.of(YearSources.TEMPLATES, "{\"tables\": [".getBytes(StandardCharsets.UTF_8),
                        "readme.txt", new byte[] {1})));

        assertFalse(withRules.opens());
        assertEquals(List.of("audit-rules.json (rule A2): \"T01.expense_total.2 = sum(T01.类.2) + T05.2999999.2\""
                + " names 2999999, which the new lists no longer have"),
                withRules.problems().stream().map(YearFileProblem::toString).toList());
        assertEquals(null, withRules.sources());
        List<String> templateProblems = withTemplate.problems().stream().map(YearFileProblem::toString).toList();
        assertEquals(1, templateProblems.size(), templateProblems.toString());
        assertEquals("readme.txt: not a file a year is given: templates.json, audit-rules.json, named-figures.json,"
                + " narrative-rules.json", templateProblems.get(0));
        YearOpening.Plan unreadable = YearOpening.dryRun(s2023, y2023, 2024, new YearOpening.YearFiles(
                Map.of(), Map.of(), Map.of(YearSources.TEMPLATES, "{\"tables\": [".getBytes(StandardCharsets.UTF_8))));
        assertEquals(1, unreadable.problems().size(), unreadable.problems().toString());
        assertTrue(unreadable.problems().get(0).toString().startsWith("year: the year does not read: "),
                unreadable.problems().toString());
    }

    @Test
    void aNameOfZeroWidthCharactersOrWithAControlCharacterIsRefusedWithItsLine() {
        byte[] functional = (csv() + "22006,\u200B\u00AD ,款\n22007,耕地\u0007保护,款\n").getBytes(StandardCharsets.UTF_8);
        int lines = csv().split("\n").length;

        YearOpening.Plan plan = YearOpening.dryRun(s2023, y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, functional)));

        assertEquals(List.of("functional.csv line " + (lines + 1) + " (科目名称): the name has no visible character",
                "functional.csv line " + (lines + 2) + " (科目名称): the name holds a control character or a byte that"
                        + " is not UTF-8"), plan.problems().stream().map(YearFileProblem::toString).toList());
    }

    @Test
    void aFileOfThousandsOfFaultsListsTheFirstThousandAndCountsTheRest() {
        StringBuilder csv = new StringBuilder("科目编码,科目名称,级次\n");
        for (int i = 0; i < 2500; i++) {
            csv.append("X").append(i).append(",名称,类\n");
        }
        YearOpening.Plan plan = YearOpening.dryRun(s2023, y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.ECONOMIC, csv.toString().getBytes(StandardCharsets.UTF_8))));

        assertEquals(1001, plan.problems().size());
        assertEquals("year: and 1500 more problems, not listed: the first 1000 are",
                plan.problems().get(1000).toString());
        assertEquals(2, plan.problems().get(0).line());
    }

    private YearOpening.Plan plan(byte[] functional) {
        YearOpening.Plan plan = YearOpening.dryRun(s2023, y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, functional)));
        assertTrue(plan.opens(), plan.problems().toString());
        return plan;
    }

    private byte[] functionalWith(String more) {
        return (csv() + more).getBytes(StandardCharsets.UTF_8);
    }

    private String csv() {
        return "科目编码,科目名称,级次\n" + y2023.functional().subjects().stream()
                .map(s -> s.code() + "," + s.name() + "," + s.level().label()).collect(Collectors.joining("\n")) + "\n";
    }
}
