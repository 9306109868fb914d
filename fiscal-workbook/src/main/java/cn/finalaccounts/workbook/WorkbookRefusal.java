package cn.finalaccounts.workbook;

/**
 * Reading stopped because the workbook is not one the platform can take as a whole (a zip bomb, far too many cells):
 * unchecked so that it crosses the XML parser unwrapped, and turned into a {@code $workbook} violation.
 */
final class WorkbookRefusal extends RuntimeException {
    WorkbookRefusal(String reason) {
        super(reason, null, false, false);
    }

    static WorkbookRefusal in(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof WorkbookRefusal r) {
                return r;
            }
        }
        return null;
    }
}
