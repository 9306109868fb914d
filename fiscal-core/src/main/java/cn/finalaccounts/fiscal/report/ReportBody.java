package cn.finalaccounts.fiscal.report;

import cn.finalaccounts.fiscal.money.AmountUnit;
import java.util.List;

/**
 * The one report shape used by every service and event:
 * {@code {"unit": "...", "year": 2023, "amountUnit": "万元", "tables": [{"table": "05", "cells": [...]}]}}.
 */
public record ReportBody(String unit, int year, AmountUnit amountUnit, List<ReportTable> tables) {

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
