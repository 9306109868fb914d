package cn.finalaccounts.accounts.service;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.year.YearOpening;
import cn.finalaccounts.fiscal.year.YearSources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Opening a year open already: the same files as given then are the same opening, whatever the year before bundles
 * now (a later release may change what 2024 inherited from 2023; 2024 keeps what it was opened with).
 */
class YearBookTest {
    private final YearSources s2023 = FiscalYears.ofBundled().sources(2023).orElseThrow();

    @Test
    void theFilesGivenAreComparedNotTheInheritedOnes() {
        byte[] functional = "科目编码,科目名称,级次\n201,一般公共服务支出,类\n".getBytes(StandardCharsets.UTF_8);
        Map<String, byte[]> files = new TreeMap<>(s2023.files());
        files.put(YearSources.list(Classification.FUNCTIONAL), functional);
        // What 2024 inherited when it opened: narrative rules a later release no longer bundles.
        files.put(YearSources.NARRATIVE_RULES, "{\"rules\": []}".getBytes(StandardCharsets.UTF_8));
        YearSources open = new YearSources(2024, files);

        assertTrue(YearBook.holdsGiven(open, YearOpening.YearFiles.lists(Map.of(Classification.FUNCTIONAL,
                functional.clone()))));
        assertFalse(YearBook.holdsGiven(open, YearOpening.YearFiles.lists(Map.of(Classification.FUNCTIONAL,
                "科目编码,科目名称,级次\n201,一般公共服务支出,类\n202,外交支出,类\n".getBytes(StandardCharsets.UTF_8)))));
        assertFalse(YearBook.holdsGiven(open, new YearOpening.YearFiles(Map.of(Classification.FUNCTIONAL, functional),
                Map.of(Classification.FUNCTIONAL, "原科目编码,新科目编码\n".getBytes(StandardCharsets.UTF_8)))));
        assertFalse(YearBook.holdsGiven(open, new YearOpening.YearFiles(Map.of(), Map.of(),
                Map.of(YearSources.NARRATIVE_RULES, s2023.file(YearSources.NARRATIVE_RULES)))));
    }
}
