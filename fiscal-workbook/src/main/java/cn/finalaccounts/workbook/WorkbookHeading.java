package cn.finalaccounts.workbook;

/**
 * What the heading of every sheet says: who the figures are of (a unit, or the node of a 汇总), which year, and
 * what kind of workbook it is. The reader never trusts it for the unit: the unit and year come from the URL.
 */
public record WorkbookHeading(String code, String name, int year, Kind kind) {

    /** The kind printed on each sheet, so that a printed 汇总 is never mistaken for a unit's own 决算. */
    public enum Kind {
        /** A unit's own report (单位决算), with the figures it sent and the subtotals derived from them. */
        UNIT_REPORT("单位决算"),
        /** A department's or region's summary (部门决算汇总): values only. */
        SUMMARY("部门决算汇总"),
        /** The empty form a unit fills (空白表样). */
        BLANK("空白表样");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static WorkbookHeading unitReport(String unitCode, String unitName, int year) {
        return new WorkbookHeading(unitCode, unitName, year, Kind.UNIT_REPORT);
    }

    public static WorkbookHeading summary(String nodeCode, String nodeName, int year) {
        return new WorkbookHeading(nodeCode, nodeName, year, Kind.SUMMARY);
    }

    /** "编制单位：怀化市养老和工伤保险服务中心" (the code where the name is unknown). */
    String preparedBy() {
        String who = name != null && !name.isBlank() ? name : code != null ? code : "";
        return "编制单位：" + who;
    }
}
