package cn.finalaccounts.fiscal.summary;

import cn.finalaccounts.fiscal.workflow.CountedView;

/** A node, a view and a year: the key of one 汇总 (summary). */
public record SummaryKey(String node, CountedView view, int year) {
}
