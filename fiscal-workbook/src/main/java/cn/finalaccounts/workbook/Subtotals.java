package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import cn.finalaccounts.fiscal.template.RowTemplate;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.util.List;

/**
 * Which rows of a table are subtotals the platform can derive (SubtotalDeriver): the 合计 of a table keyed by 科目,
 * a 类 where the table also takes 款, a 款 where it also takes 项, and the template's summed rows (公开06表
 * 人员经费合计 = 301 + 303). The writer puts a formula there when the figure was derived; the reader takes a formula
 * there to mean "derived, let the platform compute it".
 */
final class Subtotals {
    private Subtotals() {
    }

    static boolean isSubtotal(TableTemplate table, String rowId) {
        if (table.sumOf(rowId).isPresent()) {
            return true;
        }
        if (table.subjectRows().isEmpty()) {
            return false;
        }
        var levels = table.subjectRows().get().levels();
        if (TableTemplate.TOTAL_ROW.equals(rowId)) {
            return table.row(TableTemplate.TOTAL_ROW).isPresent();
        }
        SubjectLevel level = table.levelOf(rowId).orElse(null);
        return level == SubjectLevel.LEI && levels.contains(SubjectLevel.KUAN)
                || level == SubjectLevel.KUAN && levels.contains(SubjectLevel.XIANG);
    }

    /** Whether {@code child} adds into {@code parent}: its 科目 parent, or a part of the parent's sumOf. */
    static boolean addsInto(TableTemplate table, RowTemplate child, String parent) {
        if (table.sumOf(parent).map(parts -> parts.contains(child.id())).orElse(false)) {
            return true;
        }
        return table.parentOf(child.id()).map(parent::equals).orElse(false);
    }

    static List<RowTemplate> children(TableTemplate table, List<RowTemplate> printed, String parent) {
        return printed.stream().filter(r -> addsInto(table, r, parent)).toList();
    }
}
