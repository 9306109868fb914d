package cn.finalaccounts.fiscal.report;

import cn.finalaccounts.fiscal.money.AmountUnit;
import java.util.List;

/**
 * The one report shape used by every service and event:
 * {@code {"unit": "...", "year": 2023, "amountUnit": "万元", "tables": [{"table": "05", "cells": [...]}]}}.
 */
public record ReportBody(String unit, int year, AmountUnit amountUnit, List<ReportTable> tables) {

    /** A sheet in 万元 (a 汇总, say) in the report shape, tables in id order. */
    public static ReportBody fromSheet(String unit, int year, CellSheet sheet) {
        java.util.Map<String, java.util.List<ReportCell>> byTable = new java.util.TreeMap<>();
        sheet.sorted().forEach((k, v) -> byTable.computeIfAbsent(k.table(), t -> new java.util.ArrayList<>())
                .add(new ReportCell(k.row(), k.col(), v)));
        java.util.List<ReportTable> tables = new java.util.ArrayList<>();
        byTable.forEach((t, cells) -> tables.add(new ReportTable(t, java.util.List.copyOf(cells))));
        return new ReportBody(unit, year, AmountUnit.WAN_YUAN, java.util.List.copyOf(tables));
    }

    public CellSheet toSheet() {
        CellSheet sheet = new CellSheet();
        for (ReportTable t : tables) {
            for (ReportCell c : t.cells()) {
                sheet.add(new CellKey(t.table(), c.row(), c.col()), amountUnit.toWanYuan(c.amount()));
            }
        }
        return sheet;
    }
}
