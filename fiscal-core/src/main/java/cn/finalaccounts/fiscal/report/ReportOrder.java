package cn.finalaccounts.fiscal.report;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.template.TableTemplate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One spelling of a report whatever order its tables and cells came in: tables by id, cells in the template's row
 * order and then by 栏次. A workbook (read in its sheets' layout) and a JSON body with the same figures are then the
 * same stored body, so sending unchanged figures again, in either form, makes no new revision.
 */
public final class ReportOrder {
    private ReportOrder() {
    }

    public static ReportBody canonical(ReportBody sent, FiscalYear year) {
        List<ReportTable> tables = new ArrayList<>();
        for (ReportTable table : sent.tables()) {
            Optional<TableTemplate> template = year.template().table(table.table());
            if (template.isEmpty()) {
                tables.add(table);
                continue;
            }
            List<ReportCell> cells = new ArrayList<>(table.cells());
            cells.sort(cells(template.get()));
            tables.add(new ReportTable(table.table(), List.copyOf(cells)));
        }
        tables.sort(Comparator.comparing(ReportTable::table));
        return new ReportBody(sent.unit(), sent.year(), sent.amountUnit(), List.copyOf(tables));
    }

    /** The order a table's cells are stored and shown in: the template's rows, then 栏次 numerically. */
    static Comparator<ReportCell> cells(TableTemplate template) {
        return Comparator.comparing(ReportCell::row, template.rowOrder())
                .thenComparing(ReportCell::col, TableTemplate.columnOrder());
    }
}
