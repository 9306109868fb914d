package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A year's 科目 list as a bureau receives it: every defect named with its line, all of them at once. */
class CatalogueFileTest {

    @Test
    void aWellFormedListIsReadWithItsLevelsFromTheCodes() {
        CatalogueFile.Read read = read(Classification.FUNCTIONAL, """
                科目编码,科目名称,级次
                208,社会保障和就业支出,类
                20801,人力资源和社会保障管理事务,款
                2080109,社会保险经办机构,项
                """);

        assertTrue(read.usable(), read.problems().toString());
        assertEquals(List.of(new CatalogueFile.Line(2, "208", "社会保障和就业支出", SubjectLevel.LEI),
                new CatalogueFile.Line(3, "20801", "人力资源和社会保障管理事务", SubjectLevel.KUAN),
                new CatalogueFile.Line(4, "2080109", "社会保险经办机构", SubjectLevel.XIANG)), read.lines());
    }

    @Test
    void aSpreadsheetsByteOrderMarkEnglishHeadersAndNoLevelColumnAreAccepted() {
        CatalogueFile.Read read = read(Classification.ECONOMIC, "\uFEFFcode,name,note\r\n301,工资福利支出,\r\n"
                + "30101,基本工资,\r\n");

        assertTrue(read.usable(), read.problems().toString());
        assertEquals(SubjectLevel.KUAN, read.lines().get(1).level());
    }

    @Test
    void everyKindOfDefectIsNamedWithItsLineAndColumn() {
        CatalogueFile.Read read = read(Classification.FUNCTIONAL, """
                科目编码,科目名称,级次
                208,社会保障和就业支出,类
                20801,人力资源和社会保障管理事务,款
                2080109,社会保险经办机构,项
                20801,人力资源和社会保障管理事务,款
                2080,四位编码,款
                2081101,残疾人事业的一个项,项
                20802,,款
                20805,行政事业单位养老支出,项
                20807,就业补助,款,多出一列
                20A01,字母编码,款
                """);

        assertFalse(read.usable());
        assertEquals(List.of(
                "functional.csv line 5 (科目编码): 20801 is listed twice (first on line 3)",
                "functional.csv line 6 (科目编码): \"2080\" is not a code of the functional classification: 3 digits (类),"
                        + " 5 (款) or 7 (项)",
                "functional.csv line 7 (科目编码): the 项 2081101 hangs under 20811, which the file does not list",
                "functional.csv line 8 (科目名称): the name is empty",
                "functional.csv line 9 (级次): says 项 but a code of 5 digits is a 款",
                "functional.csv line 10: has 4 columns where the header has 3 (a comma inside a name, or one missing)",
                "functional.csv line 11 (科目编码): \"20A01\" is not a code of the functional classification: 3 digits"
                        + " (类), 5 (款) or 7 (项)"),
                read.problems().stream().map(YearFileProblem::toString).toList());
        // Only the lines without a fault are taken.
        assertEquals(List.of("208", "20801", "2080109"), read.lines().stream().map(CatalogueFile.Line::code).toList());
    }

    @Test
    void aXiangUnderAFaultyButWellCodedKuanIsNotBlamedForIt() {
        CatalogueFile.Read read = read(Classification.FUNCTIONAL, """
                科目编码,科目名称,级次
                208,社会保障和就业支出,类
                20805,,款
                2080505,机关事业单位基本养老保险缴费支出,项
                """);

        assertEquals(List.of("functional.csv line 3 (科目名称): the name is empty"),
                read.problems().stream().map(YearFileProblem::toString).toList());
    }

    @Test
    void theEconomicClassificationHasNoXiangAndAFileWithoutTheColumnsIsRefusedAtItsHeader() {
        assertEquals(List.of("economic.csv line 3 (科目编码): \"3010101\" is not a code of the economic classification:"
                        + " 3 digits (类) or 5 (款)"),
                read(Classification.ECONOMIC, "科目编码,科目名称\n301,工资福利支出\n3010101,七位编码\n").problems()
                        .stream().map(YearFileProblem::toString).toList());
        assertEquals(List.of("economic.csv line 1: the header must name the columns 科目编码 (or code) and 科目名称"
                        + " (or name); it reads \"编码,名称\""),
                read(Classification.ECONOMIC, "编码,名称\n301,工资福利支出\n").problems().stream()
                        .map(YearFileProblem::toString).toList());
    }

    @Test
    void theBundled2023ListsPassTheChecksAYearsFilesMustPass() throws java.io.IOException {
        for (Classification c : Classification.values()) {
            byte[] bundled;
            try (var in = CatalogueFileTest.class.getResourceAsStream("/fiscal/2023/" + c.id() + ".csv")) {
                bundled = in.readAllBytes();
            }
            CatalogueFile.Read read = CatalogueFile.read(c.id() + ".csv", c, bundled);
            assertTrue(read.usable(), read.problems().toString());
            assertEquals(cn.finalaccounts.fiscal.FiscalYears.current().year(2023).orElseThrow().catalogue(c)
                    .subjects().size(), read.lines().size(), c.id());
        }
    }

    private static CatalogueFile.Read read(Classification classification, String csv) {
        return CatalogueFile.read(classification.id() + ".csv", classification, csv.getBytes(StandardCharsets.UTF_8));
    }
}
