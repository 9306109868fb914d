package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.fiscal.consolidation.Elimination;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A node's 汇总 in the report shape (tables of cells, amounts as strings in 万元), with the printed labels and
 * the freshness of the figures; in mode consolidated (合并) also the internal flows eliminated.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryView(String node, String name, String kind, int year, String amountUnit, String view,
        String mode, List<Table> tables, List<Elimination> eliminations, Freshness freshness) {

    public record Table(String table, String name, List<Cell> cells) {
    }

    public record Cell(String row, String col, String rowLabel, String amount) {
    }

    /**
     * Which units are expected under the node (the tree's units), which are in with which report version, which
     * are missing; when the newest event was applied and how many records wait on the topics.
     */
    public record Freshness(int unitsExpected, List<UnitIn> unitsIn, List<String> unitsMissing,
            String lastEventAppliedAt, long pendingEvents) {
    }

    public record UnitIn(String unit, long version, String state, String appliedAt) {
    }
}
