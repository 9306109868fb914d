package cn.finalaccounts.fiscal.catalogue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Checks the shape of the 2023 catalogues ({@code fiscal/2023/functional.csv} and {@code economic.csv}): code
 * lengths match levels, every 款/项 hangs under an existing parent one level up whose code is its prefix, the
 * required subtrees are loaded, and a few well-known 科目 keep their exact names.
 */
class CatalogueIntegrityTest {
    private static final FiscalYear YEAR = FiscalYears.current().year(2023).orElseThrow();
    private static final SubjectCatalogue FUNCTIONAL = YEAR.functional();
    private static final SubjectCatalogue ECONOMIC = YEAR.economic();

    /** 类 of 支出功能分类 whose whole 款/项 subtree must be loaded. */
    private static final List<String> REQUIRED_FUNCTIONAL_CLASSES =
            List.of("201", "205", "208", "210", "213", "221", "229");
    /** Every 类 of 部门预算支出经济分类 2023. */
    private static final List<String> ECONOMIC_CLASSES =
            List.of("301", "302", "303", "307", "309", "310", "311", "312", "313", "399");

    private static final String FUNCTIONAL_HEADER = "code,level,name,parent,confidence,note";
    private static final String ECONOMIC_HEADER =
            "code,level,name,parent,basic_expense_bucket,sangong_item,jiguan_yunxing,confidence,note";

    // ------------------------------------------------------------------ structure, both catalogues

    @Test
    void functionalCodeLengthsMatchTheirLevels() {
        assertCodeLengths(FUNCTIONAL, Map.of(SubjectLevel.LEI, 3, SubjectLevel.KUAN, 5, SubjectLevel.XIANG, 7));
    }

    @Test
    void economicCodeLengthsMatchTheirLevels() {
        assertCodeLengths(ECONOMIC, Map.of(SubjectLevel.LEI, 3, SubjectLevel.KUAN, 5));
    }

    @Test
    void everyFunctionalKuanAndXiangHangsUnderItsParent() {
        assertParentsExistOneLevelUpAndArePrefixes(FUNCTIONAL);
    }

    @Test
    void everyEconomicKuanHangsUnderItsLei() {
        assertParentsExistOneLevelUpAndArePrefixes(ECONOMIC);
    }

    @Test
    void confidenceIsHighOrMediumAndMediumRowsSayWhy() {
        for (SubjectCatalogue catalogue : List.of(FUNCTIONAL, ECONOMIC)) {
            for (Subject s : catalogue.subjects()) {
                assertTrue(Set.of("high", "medium").contains(s.confidence()),
                        catalogue.classification().id() + " " + s.code() + " has confidence " + s.confidence());
                if (s.confidence().equals("medium")) {
                    assertFalse(s.note() == null || s.note().isBlank(),
                            catalogue.classification().id() + " " + s.code() + " is medium without a note");
                }
                assertFalse(s.name().isBlank(), s.code() + " has no name");
            }
        }
    }

    // ------------------------------------------------------------------ required subtrees

    @Test
    void requiredFunctionalClassesHaveKuanAndEveryKuanHasXiang() {
        for (String lei : REQUIRED_FUNCTIONAL_CLASSES) {
            assertEquals(SubjectLevel.LEI, FUNCTIONAL.find(lei).orElseThrow(() -> new AssertionError("no 类 " + lei))
                    .level());
            List<Subject> kuan = childrenOf(FUNCTIONAL, lei);
            assertFalse(kuan.isEmpty(), "类 " + lei + " has no 款");
            for (Subject k : kuan) {
                assertEquals(SubjectLevel.KUAN, k.level());
                assertFalse(childrenOf(FUNCTIONAL, k.code()).isEmpty(), "款 " + k.code() + " has no 项");
            }
            assertFalse(FUNCTIONAL.find(lei).orElseThrow().note().contains("not yet loaded"),
                    "类 " + lei + " still says its subtree is not loaded");
        }
    }

    @Test
    void everyFunctionalLeiRowStaysListed() {
        for (String lei : List.of("201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213",
                "214", "215", "216", "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "233")) {
            assertEquals(SubjectLevel.LEI, FUNCTIONAL.find(lei).orElseThrow(() -> new AssertionError("no 类 " + lei))
                    .level());
        }
    }

    @Test
    void everyEconomicClassIsPresentWithAtLeastOneKuan() {
        for (String lei : ECONOMIC_CLASSES) {
            assertEquals(SubjectLevel.LEI, ECONOMIC.find(lei).orElseThrow(() -> new AssertionError("no 类 " + lei))
                    .level());
            assertFalse(childrenOf(ECONOMIC, lei).isEmpty(), "经济分类 类 " + lei + " has no 款");
        }
        Set<String> leis = ECONOMIC.subjects().stream().filter(s -> s.level() == SubjectLevel.LEI)
                .map(Subject::code).collect(Collectors.toSet());
        assertEquals(Set.copyOf(ECONOMIC_CLASSES), leis, "部门预算支出经济分类 has exactly these 类");
    }

    // ------------------------------------------------------------------ well-known codes

    @Test
    void wellKnownFunctionalCodesKeepTheirNames() {
        Map<String, String> expected = Map.ofEntries(
                Map.entry("201", "一般公共服务支出"),
                Map.entry("205", "教育支出"),
                Map.entry("208", "社会保障和就业支出"),
                Map.entry("210", "卫生健康支出"),
                Map.entry("213", "农林水支出"),
                Map.entry("221", "住房保障支出"),
                Map.entry("229", "其他支出"),
                Map.entry("2010101", "行政运行"),
                Map.entry("2050101", "行政运行"),
                Map.entry("2050201", "学前教育"),
                Map.entry("20805", "行政事业单位养老支出"),
                Map.entry("2080109", "社会保险经办机构"),
                Map.entry("2080505", "机关事业单位基本养老保险缴费支出"),
                Map.entry("2080506", "机关事业单位职业年金缴费支出"),
                Map.entry("21011", "行政事业单位医疗"),
                Map.entry("2101101", "行政单位医疗"),
                Map.entry("2101102", "事业单位医疗"),
                Map.entry("2100410", "突发公共卫生事件应急处理"),
                Map.entry("22101", "保障性安居工程支出"),
                Map.entry("2210103", "棚户区改造"),
                Map.entry("22102", "住房改革支出"),
                Map.entry("2210201", "住房公积金"),
                Map.entry("2296011", "用于巩固脱贫攻坚成果衔接乡村振兴的彩票公益金支出"));
        expected.forEach((code, name) -> assertEquals(name,
                FUNCTIONAL.find(code).orElseThrow(() -> new AssertionError("no 功能科目 " + code)).name(), code));
    }

    @Test
    void wellKnownEconomicCodesKeepTheirNames() {
        Map<String, String> expected = Map.of(
                "301", "工资福利支出",
                "30101", "基本工资",
                "30108", "机关事业单位基本养老保险缴费",
                "30113", "住房公积金",
                "302", "商品和服务支出",
                "30217", "公务接待费",
                "30231", "公务用车运行维护费",
                "31013", "公务用车购置",
                "30913", "公务用车购置",
                "399", "其他支出");
        expected.forEach((code, name) -> assertEquals(name,
                ECONOMIC.find(code).orElseThrow(() -> new AssertionError("no 经济科目 " + code)).name(), code));
    }

    @Test
    void codesUsedByFixturesAndTemplatesStay() {
        for (String code : List.of("2080599", "2080799", "2080109", "2080199", "2080505", "2089999", "2101101",
                "2299999")) {
            assertTrue(FUNCTIONAL.find(code).isPresent(), "functional fixture code " + code);
        }
        for (String code : List.of("301", "30101", "30102", "30103", "30106", "30108", "30110", "30111", "30112",
                "30199", "302", "30228", "30239", "30299", "303", "30305", "30399")) {
            assertTrue(ECONOMIC.find(code).isPresent(), "economic fixture code " + code);
        }
    }

    // ------------------------------------------------------------------ raw CSV rules the loader relies on

    @Test
    void functionalCsvKeepsTheLoaderFormat() {
        List<String[]> rows = rawRows("functional.csv", FUNCTIONAL_HEADER);
        assertEquals(FUNCTIONAL.subjects().size(), rows.size(), "one line per code, no duplicates");
    }

    @Test
    void economicCsvKeepsTheLoaderFormatAndConsistentBuckets() {
        List<String[]> rows = rawRows("economic.csv", ECONOMIC_HEADER);
        assertEquals(ECONOMIC.subjects().size(), rows.size(), "one line per code, no duplicates");
        Map<String, String> bucketOfClass = Map.of("301", "人员经费", "303", "人员经费", "302", "公用经费", "307",
                "公用经费", "310", "公用经费", "399", "公用经费", "309", "n/a", "311", "n/a", "312", "n/a", "313", "n/a");
        Map<String, String> sangong = Map.of("30212", "因公出国（境）费", "30217", "公务接待费", "30231", "公务用车运行费",
                "31013", "公务用车购置费", "30913", "公务用车购置费");
        for (String[] f : rows) {
            String code = f[0];
            assertEquals(bucketOfClass.get(code.substring(0, 3)), f[4], "basic_expense_bucket of " + code);
            assertEquals(sangong.getOrDefault(code, ""), f[5], "sangong_item of " + code);
            assertTrue(Set.of("yes", "no").contains(f[6]), "jiguan_yunxing of " + code + " is " + f[6]);
            if (code.startsWith("301") || code.startsWith("303")) {
                assertEquals("no", f[6], "人员经费 is not 机关运行经费: " + code);
            }
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void assertCodeLengths(SubjectCatalogue catalogue, Map<SubjectLevel, Integer> lengths) {
        assertFalse(catalogue.subjects().isEmpty());
        for (Subject s : catalogue.subjects()) {
            Integer expected = lengths.get(s.level());
            assertNotNull(expected, catalogue.classification().id() + " has no level " + s.level() + ": " + s.code());
            assertEquals(expected.intValue(), s.code().length(), "length of " + s.code() + " (" + s.level() + ")");
            assertTrue(s.code().chars().allMatch(Character::isDigit), s.code() + " is not all digits");
        }
    }

    private static void assertParentsExistOneLevelUpAndArePrefixes(SubjectCatalogue catalogue) {
        for (Subject s : catalogue.subjects()) {
            if (s.level() == SubjectLevel.LEI) {
                assertEquals(null, s.parentCode(), "类 " + s.code() + " has a parent");
                continue;
            }
            assertNotNull(s.parentCode(), s.code() + " has no parent");
            Subject parent = catalogue.find(s.parentCode())
                    .orElseThrow(() -> new AssertionError(s.code() + " names missing parent " + s.parentCode()));
            assertEquals(s.level().ordinal() - 1, parent.level().ordinal(),
                    s.code() + " is not one level below " + parent.code());
            assertTrue(s.code().startsWith(parent.code()), parent.code() + " is not a prefix of " + s.code());
        }
    }

    private static List<Subject> childrenOf(SubjectCatalogue catalogue, String code) {
        return catalogue.subjects().stream().filter(s -> code.equals(s.parentCode())).toList();
    }

    /** Data lines of {@code fiscal/2023/{file}}, checked for header, column count, commas and quotes. */
    private static List<String[]> rawRows(String file, String header) {
        String path = "/fiscal/2023/" + file;
        List<String[]> rows = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        try (InputStream in = CatalogueIntegrityTest.class.getResourceAsStream(path)) {
            assertNotNull(in, "missing " + path);
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            assertEquals(header, reader.readLine(), "header of " + file);
            int columns = header.split(",", -1).length;
            String line;
            int n = 1;
            while ((line = reader.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    fail(file + " line " + n + " is blank");
                }
                assertFalse(line.contains("\""), file + " line " + n + " has a quote");
                String[] f = line.split(",", -1);
                assertEquals(columns, f.length, file + " line " + n + " has a comma inside a field or a missing one");
                assertTrue(codes.add(f[0]), file + " lists " + f[0] + " twice");
                rows.add(f);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }
}
