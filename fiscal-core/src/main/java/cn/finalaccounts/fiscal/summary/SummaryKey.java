package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.workflow.RollupView;

/** A node, a view and a year: the key of one 汇总 (summary). */
public record SummaryKey(String node, RollupView view, int year) {
}
