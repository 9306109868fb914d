package cn.finalaccounts.fiscal.year;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The CSV of a year's files: UTF-8 with or without the byte-order mark spreadsheet programs write, no quoting. */
final class YearCsv {
    private YearCsv() {
    }

    /** The file's lines; index 0 is the header (line 1 of the file). */
    static String[] rows(byte[] csv) {
        String text = new String(csv, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.split("\r?\n", -1);
    }

    /** A line after the header with as many fields as the header has; {@code number} is its line in the file. */
    record Row(int number, String[] fields) {
        String field(int column) {
            return fields[column].strip();
        }
    }

    /**
     * The lines after the header, blank ones skipped; a line with more or fewer fields than the header is a problem
     * (a comma inside a name, or one missing) and left out.
     */
    static java.util.List<Row> body(String file, String[] rows, java.util.List<YearFileProblem> problems) {
        int columns = rows[0].split(",", -1).length;
        java.util.List<Row> body = new java.util.ArrayList<>();
        for (int i = 1; i < rows.length; i++) {
            if (rows[i].isBlank()) {
                continue;
            }
            String[] f = rows[i].split(",", -1);
            if (f.length != columns) {
                problems.add(new YearFileProblem(file, i + 1, null, "has " + f.length + " columns where the header has "
                        + columns + " (a comma inside a name, or one missing)"));
                continue;
            }
            body.add(new Row(i + 1, f));
        }
        return body;
    }

    /** The index of the first header column with one of {@code names}, or -1. */
    static int column(String[] header, List<String> names) {
        for (int i = 0; i < header.length; i++) {
            if (names.contains(header[i].strip())) {
                return i;
            }
        }
        return -1;
    }
}
