package cn.finalaccounts.fiscal.narrative;

/**
 * A table cell a narrative figure was computed from. The year is part of the address because a year-over-year
 * change is computed from this year's cell and last year's.
 */
public record SourceCell(int year, String table, String row, String col) {
}
