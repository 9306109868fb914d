package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dry run of opening 2024 after the bundled 2023: what changes, and every reason it cannot open. */
class YearOpeningTest {
    private static final FiscalYear Y2023 = FiscalYears.current().year(2023).orElseThrow();
    private static final YearSources S2023 = FiscalYears.current().sources(2023).orElseThrow();

    @Test
    void twentyTwentyThreesListsWithTheNewKuanOpenAndTheEconomicListIsInherited() {
        String functional = csv(Classification.FUNCTIONAL, s -> true) + "22006,耕地保护考核奖惩基金支出,款\n";

        YearOpening.Plan plan = YearOpening.dryRun(S2023, Y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, bytes(functional))));

        assertTrue(plan.opens(), plan.problems().toString());
        assertEquals(List.of("22006"), plan.changes().get(Classification.FUNCTIONAL).added().stream()
                .map(Subject::code).toList());
        assertTrue(plan.changes().get(Classification.FUNCTIONAL).discontinued().isEmpty());
        assertEquals(List.of(Classification.ECONOMIC), plan.inherited());
    }

    @Test
    void aCodeTheInheritedTemplateOrRulesNameMayNotBeDropped() {
        String functional = csv(Classification.FUNCTIONAL, s -> !s.code().equals("2080505"));
        String economic = csv(Classification.ECONOMIC, s -> !s.code().startsWith("303"));

        YearOpening.Plan plan = YearOpening.dryRun(S2023, Y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, bytes(functional), Classification.ECONOMIC, bytes(economic))));

        assertFalse(plan.opens());
        List<String> problems = plan.problems().stream().map(YearFileProblem::toString).toList();
        assertTrue(problems.contains("templates.json (table 06, row personnel_total): names 303, which the new lists"
                + " no longer have"), problems.toString());
        assertTrue(problems.contains("audit-rules.json (rule " + ruleNaming("2080505") + "): \"T06.30108.1 ="
                + " T05.2080505.2\" names 2080505, which the new lists no longer have"), problems.toString());
        assertEquals(List.of("2080505"), plan.changes().get(Classification.FUNCTIONAL).discontinued().stream()
                .map(Subject::code).toList());
    }

    @Test
    void aFaultyListStopsTheOpeningWithItsLinesAndAYearOutOfTurnIsRefused() {
        String functional = csv(Classification.FUNCTIONAL, s -> true) + "2200601,一个没有款的项,项\n";

        YearOpening.Plan plan = YearOpening.dryRun(S2023, Y2023, 2025, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, bytes(functional))));

        int line = functional.split("\n").length;
        assertEquals(List.of("year: year 2025 is not next to 2023: years open one after the other, or one before the first",
                "functional.csv line " + line + " (科目编码): the 项 2200601 hangs under 22006, which the file does"
                        + " not list"), plan.problems().stream().map(YearFileProblem::toString).toList());
    }

    @Test
    void aMappedCodeIsToldAsMappedNotAsDiscontinuedAndNewAndAMappingNeedsItsList() {
        String functional = csv(Classification.FUNCTIONAL, s -> !s.code().equals("2080199"))
                + "2080191,其他人力资源和社会保障管理事务支出（一）,项\n2080192,其他人力资源和社会保障管理事务支出（二）,项\n";
        String mapping = "原科目编码,新科目编码\n2080199,2080191\n2080199,2080192\n";

        YearOpening.Plan plan = YearOpening.dryRun(S2023, Y2023, 2024, new YearOpening.YearFiles(
                Map.of(Classification.FUNCTIONAL, bytes(functional)), Map.of(Classification.FUNCTIONAL, bytes(mapping))));

        assertTrue(plan.opens(), plan.problems().toString());
        CatalogueChanges changes = plan.changes().get(Classification.FUNCTIONAL);
        assertEquals(List.of(new CatalogueChanges.Mapped("2080199", "2080191", CodeMapping.Kind.SPLIT),
                new CatalogueChanges.Mapped("2080199", "2080192", CodeMapping.Kind.SPLIT)), changes.mapped());
        assertTrue(changes.added().isEmpty(), changes.added().toString());
        assertTrue(changes.discontinued().isEmpty(), changes.discontinued().toString());

        YearOpening.Plan alone = YearOpening.dryRun(S2023, Y2023, 2024, new YearOpening.YearFiles(Map.of(),
                Map.of(Classification.ECONOMIC, bytes("old,new\n30101,30102\n"))));
        assertEquals(List.of("economic-mapping.csv: maps codes of a list that is not given: give this year's"
                + " economic.csv with it"), alone.problems().stream().map(YearFileProblem::toString).toList());
    }

    private static String ruleNaming(String code) {
        return Y2023.rules().rules().stream().filter(r -> r.formulas().stream()
                .anyMatch(f -> f.subjectCodes().contains(code))).findFirst().orElseThrow().id();
    }

    private static String csv(Classification c, Predicate<Subject> keep) {
        return "科目编码,科目名称,级次\n" + Y2023.catalogue(c).subjects().stream().filter(keep)
                .map(s -> s.code() + "," + s.name() + "," + s.level().label()).collect(Collectors.joining("\n")) + "\n";
    }

    private static byte[] bytes(String csv) {
        return csv.getBytes(StandardCharsets.UTF_8);
    }
}
