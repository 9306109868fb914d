package cn.finalaccounts.aggregation.service;

import cn.finalaccounts.fiscal.consolidation.Elimination;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A node's 汇总 in the report shape (tables of cells, amounts as strings in 万元), with the printed labels and
 * the freshness of the figures; in mode consolidated (合并) also the internal flows eliminated. The API documents
 * this shape; the answer itself is a {@link SummaryAnswer}, the same JSON with its tables serialized once per change.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SummaryView(String node, String name, String kind, int year, String amountUnit, String view,
        String mode, List<Table> tables, List<Elimination> eliminations, Freshness freshness) {

    public record Table(String table, String name, List<Cell> cells) {
    }

    public record Cell(String row, String col, String rowLabel, String amount) {
    }

    /**
     * How complete and how recent the figures are: units expected under the node, units in (counted with the
     * figures), units missing, when the newest batch was applied and how many records wait on the topics. The
     * units themselves are listed by {@code …/units}.
     */
    public record Freshness(int unitsExpected, int unitsIn, int unitsMissing, String lastEventAppliedAt,
            long pendingEvents) {
    }

    /** Which units are in, with the version counted, and which are missing. */
    public record Units(String node, int year, String view, List<UnitIn> in, List<String> missing) {
    }

    public record UnitIn(String unit, long version, String state, String appliedAt) {
    }
}
