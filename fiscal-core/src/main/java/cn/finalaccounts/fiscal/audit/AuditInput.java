package cn.finalaccounts.fiscal.audit;

import cn.finalaccounts.fiscal.org.UnitType;
import cn.finalaccounts.fiscal.report.ReportBody;

/**
 * What the audit looks at: the report with its derived subtotals, last year's report of the same unit or
 * 汇总 when there is one (cross-year rules C1–C2 are skipped otherwise), and the unit type.
 */
public record AuditInput(ReportBody report, ReportBody previousYear, UnitType unitType) {
}
