package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.audit.Finding;
import cn.finalaccounts.fiscal.money.AmountUnit;
import cn.finalaccounts.fiscal.report.ReportBody;
import cn.finalaccounts.fiscal.report.ReportJson;
import cn.finalaccounts.fiscal.report.ReportTable;
import cn.finalaccounts.workbook.ReportWorkbook;
import cn.finalaccounts.workbook.WorkbookHeading;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A 汇总 as an Excel workbook (部门决算汇总): the very figures of the JSON answer (its rendered tables, read back), as
 * values, and the findings of the 汇总's audit on the last sheet.
 */
public final class SummaryWorkbook {
    private SummaryWorkbook() {
    }

    public static byte[] write(SummaryAnswer summary, List<Finding> findings) {
        List<ReportTable> tables = ReportJson.read(summary.tables().text(), new TypeReference<List<ReportTable>>() {
        });
        ReportBody body = new ReportBody(summary.node(), summary.year(), AmountUnit.fromLabel(summary.amountUnit()),
                tables);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWorkbook.write(FiscalYears.current().year(summary.year()).orElseThrow().template(),
                    WorkbookHeading.summary(summary.node(), summary.name(), summary.year()), body, findings, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** "HH-RSJ-2023-决算汇总.xlsx" (合并 for the consolidated mode). */
    public static String fileName(String node, int year, SummaryQuery.Mode mode) {
        return node + "-" + year + (mode == SummaryQuery.Mode.CONSOLIDATED ? "-决算合并" : "-决算汇总") + ".xlsx";
    }
}
