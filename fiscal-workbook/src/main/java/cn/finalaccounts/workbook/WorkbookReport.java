package cn.finalaccounts.workbook;

import cn.finalaccounts.fiscal.validation.InvalidInputException;
import cn.finalaccounts.fiscal.validation.Violation;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workbook read: the report in the exact JSON shape {@code ReportParser} takes, so that the caller saves it through
 * the same path as a JSON body, and where each part of it came from, so that every refusal of that path can name the
 * sheet cell instead of a JSON path.
 *
 * @param report      {@code {"unit", "year", "amountUnit", "tables": [{"table", "cells": [{"row", "col", "amount"}]}]}}
 * @param addresses   JSON path → sheet address: {@code tables[i].cells[j]} → the figure's cell ({@code 公开05表!D9}),
 *                    {@code tables[i].cells[j].row} → the cell that names its row (the 科目编码), {@code tables[i]} →
 *                    the sheet, {@code amountUnit} → the 单位 cell
 * @param cellAddresses {@code "05.total.2"} (table.row.col, as a derived subtotal is named) → sheet address, for every
 *                    figure cell of a known row, formulas of subtotal rows included
 */
public record WorkbookReport(ObjectNode report, Map<String, String> addresses, Map<String, String> cellAddresses) {
    /** Where a violation is about the workbook as a whole. */
    public static final String WORKBOOK = "$workbook";
    private static final Pattern CELL_PATH = Pattern.compile("^(tables\\[\\d+]\\.cells\\[\\d+])(\\..+)?$");
    private static final Pattern TABLE_PATH = Pattern.compile("^(tables\\[\\d+])(\\..+)?$");

    /** The field of a violation as a sheet address where the workbook has one; other fields stay as they are. */
    public String address(String field) {
        String exact = addresses.get(field);
        if (exact != null) {
            return exact;
        }
        Matcher cell = CELL_PATH.matcher(field);
        if (cell.matches() && addresses.containsKey(cell.group(1))) {
            return addresses.get(cell.group(1));
        }
        Matcher table = TABLE_PATH.matcher(field);
        if (table.matches() && addresses.containsKey(table.group(1))) {
            return addresses.get(table.group(1));
        }
        String byCell = cellAddresses.get(field);
        if (byCell != null) {
            return byCell;
        }
        if (field.equals("year") || field.equals("amountUnit") || field.equals("tables") || field.equals("$")) {
            return WORKBOOK;
        }
        return field;
    }

    public List<Violation> translate(List<Violation> violations) {
        List<Violation> translated = new ArrayList<>();
        for (Violation v : violations) {
            translated.add(new Violation(address(v.field()), v.reason()));
        }
        return translated;
    }

    /** The same refusal, naming sheet cells. */
    public InvalidInputException translate(InvalidInputException e) {
        return new InvalidInputException(translate(e.violations()));
    }
}
