package cn.finalaccounts.fiscal.year;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The dry run's comparison of a year's list with the year before's, against the bundled 2023 list. */
class CatalogueChangesTest {
    private static final SubjectCatalogue Y2023 =
            FiscalYears.current().year(2023).orElseThrow().catalogue(Classification.FUNCTIONAL);

    @Test
    void theSameListAgainChangesNothing() {
        assertTrue(CatalogueChanges.between(Y2023, lines(asCsv(Y2023.subjects().stream().toList()))).none());
    }

    @Test
    void newDiscontinuedRenamedAndMovedAreEachToldOnce() {
        List<Subject> next = new java.util.ArrayList<>(Y2023.subjects());
        // discontinued: 2080199 其他人力资源和社会保障管理事务支出
        next.removeIf(s -> s.code().equals("2080199"));
        // renamed: 2080109 keeps its code under another name
        next.replaceAll(s -> s.code().equals("2080109")
                ? new Subject(s.code(), s.level(), "社会保险经办机构（更名）", s.parentCode(), "high", "") : s);
        // moved: 2080505's name leaves its code and comes back as 2080510
        Subject moving = Y2023.find("2080505").orElseThrow();
        next.removeIf(s -> s.code().equals("2080505"));
        next.add(new Subject("2080510", moving.level(), moving.name(), "20805", "high", ""));
        // new: the 款 22006 耕地保护考核奖惩基金支出 of the 29 March 2024 notice, under 220
        next.add(new Subject("22006", cn.finalaccounts.fiscal.catalogue.SubjectLevel.KUAN, "耕地保护考核奖惩基金支出",
                "220", "high", ""));

        CatalogueChanges changes = CatalogueChanges.between(Y2023, lines(asCsv(next)));

        assertEquals(List.of("22006 耕地保护考核奖惩基金支出"), names(changes.added()));
        assertEquals(List.of("2080199 " + Y2023.find("2080199").orElseThrow().name()), names(changes.discontinued()));
        assertEquals(List.of(new CatalogueChanges.Renamed("2080109", Y2023.find("2080109").orElseThrow().name(),
                "社会保险经办机构（更名）")), changes.renamed());
        assertEquals(List.of(new CatalogueChanges.Moved("2080505", "2080510", moving.name())), changes.moved());
    }

    private static List<String> names(List<Subject> subjects) {
        return subjects.stream().map(s -> s.code() + " " + s.name()).toList();
    }

    private static String asCsv(List<Subject> subjects) {
        return "科目编码,科目名称,级次\n" + subjects.stream().map(s -> s.code() + "," + s.name() + "," + s.level().label())
                .collect(Collectors.joining("\n")) + "\n";
    }

    private static List<CatalogueFile.Line> lines(String csv) {
        CatalogueFile.Read read = CatalogueFile.read("functional.csv", Classification.FUNCTIONAL,
                csv.getBytes(StandardCharsets.UTF_8));
        assertTrue(read.usable(), read.problems().toString());
        return read.lines();
    }
}
