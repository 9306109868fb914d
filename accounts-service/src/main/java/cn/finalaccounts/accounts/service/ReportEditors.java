package cn.finalaccounts.accounts.service;

import cn.finalaccounts.accounts.persistence.UnitReport;
import cn.finalaccounts.support.security.Caller;

/**
 * Who made the figures of a version (table {@code report_editor}): every subject that saved a changed revision of
 * the working copy, JSON or workbook alike, kept by the version the revision went into (the number the next
 * submission takes; written by the save, {@code ReportStore.edited}). Maker-checker reads it: a person who edited
 * a version, or an earlier one whose figures it may carry on, is one of its makers and decides on none of them.
 */
final class ReportEditors {
    private ReportEditors() {
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
