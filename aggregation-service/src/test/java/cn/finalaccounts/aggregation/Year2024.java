package cn.finalaccounts.aggregation;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.year.YearOpening;
import cn.finalaccounts.fiscal.year.YearSources;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * 2024 as accounts-service would have opened it and this service learnt it (docs/years.md): 2023's 支出功能分类 list
 * plus the 22006 款. The same files each time, so adding it again from another test class changes nothing.
 */
final class Year2024 {
    private Year2024() {
    }

    static void open() {
        FiscalYear y2023 = FiscalYears.current().year(2023).orElseThrow();
        YearSources s2023 = FiscalYears.current().sources(2023).orElseThrow();
        String list = "科目编码,科目名称,级次\n" + y2023.functional().subjects().stream()
                .map(s -> s.code() + "," + s.name() + "," + s.level().label()).collect(Collectors.joining("\n"))
                + "\n22006,耕地保护考核奖惩基金支出,款\n";
        FiscalYears.current().add(YearOpening.dryRun(s2023, y2023, 2024, YearOpening.YearFiles.lists(Map.of(
                Classification.FUNCTIONAL, list.getBytes(StandardCharsets.UTF_8)))).sources());
    }
}
