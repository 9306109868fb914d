package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which 2023 codes became which: renumbered, split and merged, and last year's figures carried into the new codes.
 * The new codes here (2080190–2080192, 2080509) are hypothetical, free in the 2023 list: no 2024 科目 is claimed.
 */
class CodeMappingTest {
    private static final SubjectCatalogue Y2023 =
            FiscalYears.current().year(2023).orElseThrow().catalogue(Classification.FUNCTIONAL);
    /** This year's codes as the new list has them (a handful suffices: only the mapped ones are looked up). */
    private static final Set<String> NEXT = Set.of("2080190", "2080191", "2080192", "2080509", "2101101");

    @Test
    void whatEachPairIsFollowsFromThePairs() {
        CodeMapping mapping = read("""
                原科目编码,新科目编码
                2080109,2080190
                2080199,2080191
                2080199,2080192
                2080505,2080509
                2080506,2080509
                """).mapping();

        assertEquals(List.of(CodeMapping.Kind.RENUMBERED, CodeMapping.Kind.SPLIT, CodeMapping.Kind.SPLIT,
                CodeMapping.Kind.MERGED, CodeMapping.Kind.MERGED), mapping.pairs().stream().map(mapping::kindOf).toList());
        assertEquals(List.of("2080191", "2080192"), mapping.successorsOf("2080199"));
        assertEquals(List.of("2080505", "2080506"), mapping.predecessorsOf("2080509"));
    }

    @Test
    void lastYearsFiguresMoveWithARenumberingAddUpWhenMergedAndAreNotGuessedForASplit() {
        CodeMapping mapping = read("""
                old,new
                2080109,2080190
                2080199,2080191
                2080199,2080192
                2080505,2080509
                2080506,2080509
                """).mapping();

        CodeMapping.CarriedOver carried = mapping.carryOver(Map.of("2080109", new BigDecimal("690.25"),
                "2080199", new BigDecimal("53.20"), "2080505", new BigDecimal("64.72"),
                "2080506", new BigDecimal("0.30"), "2101101", new BigDecimal("25.71")));

        assertEquals(Map.of("2080190", new BigDecimal("690.25"), "2080509", new BigDecimal("65.02"),
                "2101101", new BigDecimal("25.71")), carried.amounts());
        assertEquals(Set.of("2080191", "2080192"), carried.notCarried());
    }

    @Test
    void eachFaultyPairIsNamedWithItsLine() {
        CodeMapping.Read read = read("""
                原科目编码,新科目编码
                2080109,2080190
                2089898,2080190
                2080109,2089999
                2101101,2101101
                2080109,2080190
                2080505
                """);

        assertEquals(List.of(
                "functional-mapping.csv line 3 (原科目编码): 2089898 is not a functional code of the year before",
                "functional-mapping.csv line 4 (新科目编码): 2089999 is not in this year's functional list",
                "functional-mapping.csv line 5: 2101101 is mapped to itself",
                "functional-mapping.csv line 6: 2080109 → 2080190 is listed twice (first on line 2)",
                "functional-mapping.csv line 7: has 1 columns where the header has 2 (a comma inside a name, or one"
                        + " missing)"),
                read.problems().stream().map(YearFileProblem::toString).toList());
        assertEquals(1, read.mapping().pairs().size());
    }

    private static CodeMapping.Read read(String csv) {
        return CodeMapping.read("functional-mapping.csv", Classification.FUNCTIONAL,
                csv.getBytes(StandardCharsets.UTF_8), Y2023, NEXT);
    }
}
