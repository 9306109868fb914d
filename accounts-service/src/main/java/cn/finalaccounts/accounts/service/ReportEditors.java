package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.support.security.Caller;
import java.time.Instant;

/**
 * Who made the figures of a version (table {@code report_editor}): every subject that saved a changed revision of
 * the working copy, JSON or workbook alike, kept by the version the revision went into (the number the next
 * submission takes). Maker-checker reads it: a person who edited a version, or an earlier one whose figures it may
 * carry on, is one of its makers and decides on none of them.
 */
final class ReportEditors {
    private ReportEditors() {
    }

    /** Records the caller as an editor of the version the working copy will become; once per person and version. */
    static void saved(UnitReport report, Caller caller) {
        UnitReport.getEntityManager().createNativeQuery("INSERT INTO report_editor (unit_code, fiscal_year, version,"
                        + " subject, username, first_saved_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
                        + " ON DUPLICATE KEY UPDATE subject = subject")
                .setParameter(1, report.unitCode).setParameter(2, report.year).setParameter(3, report.version + 1)
                .setParameter(4, caller.subject()).setParameter(5, caller.username())
                .setParameter(6, Instant.now()).executeUpdate();
    }

    /** Whether the caller saved a revision that went into the version or into an earlier one of the report. */
    static boolean edited(String unitCode, int year, int version, Caller caller) {
        Number n = (Number) UnitReport.getEntityManager().createNativeQuery("SELECT COUNT(*) FROM report_editor"
                        + " WHERE unit_code = ?1 AND fiscal_year = ?2 AND version <= ?3 AND subject = ?4")
                .setParameter(1, unitCode).setParameter(2, year).setParameter(3, version)
                .setParameter(4, caller.subject()).getSingleResult();
        return n.longValue() > 0;
    }
}
