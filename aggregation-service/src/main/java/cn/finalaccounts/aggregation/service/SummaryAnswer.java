package cn.finalaccounts.aggregation.service;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A {@link SummaryView} as it goes on the wire, its tables (and eliminations) already serialized: they are
 * rendered once per change of the 汇总 and a region's run to hundreds of kilobytes, so serializing them again for
 * every reader cost most of a read. Same fields, same order, same JSON as {@link SummaryView}, which documents it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryAnswer(String node, String name, String kind, int year, String amountUnit, String view,
        String mode, RawJson tables, RawJson eliminations, SummaryView.Freshness freshness) {
}
