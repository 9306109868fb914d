package cn.finalaccounts.accounts.rest;

import cn.finalaccounts.accounts.persistence.OrgNode;
import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.accounts.service.ReportAudit;
import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.fiscal.template.YearTemplate;
import cn.finalaccounts.workbook.ReportWorkbook;
import cn.finalaccounts.workbook.WorkbookHeading;
import cn.finalaccounts.workbook.WorkbookReader;
import cn.finalaccounts.workbook.WorkbookReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A unit's report as an Excel workbook and back (fiscal-workbook does the layout): the working copy out with its
 * derived subtotals and findings, a filled workbook in as the JSON body the save path takes, and the blank form.
 */
@ApplicationScoped
class ReportWorkbooks {
    private final WorkbookReader reader = new WorkbookReader(FiscalYears.current());
    /** The blank form never changes within a build: written once per year. */
    private final Map<Integer, byte[]> blankForms = new ConcurrentHashMap<>();

    @Inject
    ReportAudit audit;

    /** The working copy as the working view shows it (derived subtotals, findings), as a workbook. */
    byte[] of(UnitReport report) {
        ReportAudit.Audited audited = audit.ofWorkingCopy(report);
        OrgNode unit = OrgNode.findById(report.unitCode);
        YearTemplate template = FiscalYears.current().year(report.year).orElseThrow().template();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ReportWorkbook.write(template, WorkbookHeading.unitReport(report.unitCode, unit == null ? null : unit.name,
                    report.year), audited.completed(), audited.findings(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The filled workbook as the JSON body of a save, with the sheet cell of every part of it. */
    WorkbookReport read(InputStream workbook, String unitCode, int year) {
        return reader.read(workbook, unitCode, year);
    }

    byte[] blank(YearTemplate template) {
        return blankForms.computeIfAbsent(template.year(), y -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ReportWorkbook.blank(template, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        });
    }

    /** "HH-RSJ-YLGS-2023-决算.xlsx". */
    static String fileName(String unitCode, int year) {
        return unitCode + "-" + year + "-决算.xlsx";
    }
}
