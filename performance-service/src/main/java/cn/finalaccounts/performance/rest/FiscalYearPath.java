package cn.finalaccounts.performance.rest;

import cn.finalaccounts.fiscal.FiscalYears;
import cn.finalaccounts.support.problem.NotFoundProblem;

/** A read of a year the platform cannot keep (0, −1, 99999) finds nothing: 404, not an empty 200. */
final class FiscalYearPath {
    private FiscalYearPath() {
    }

    static int require(int year) {
        if (!FiscalYears.isValid(year)) {
            throw new NotFoundProblem(FiscalYears.invalidReason(year));
        }
        return year;
    }
}
