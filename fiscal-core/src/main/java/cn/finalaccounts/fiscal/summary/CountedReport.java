package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.workflow.ReportState;

/**
 * What the 汇总 needs of a report event: whose report, which version, its state and its cells in 万元 (derived
 * subtotals included). {@code cells} is null for a state that counts in no view (a draft, a return).
 */
public record CountedReport(String unit, int year, long version, ReportState state, CellSheet cells) {
}
