package cn.finalaccounts.fiscal.year;

/**
 * Why a line of a year's file cannot be taken, and where: the file, its line (the header is line 1; 0 for what is no
 * line of a file given, such as an inherited rule), the column or item, or null when the whole line is at fault.
 */
public record YearFileProblem(String file, int line, String column, String reason) {
    @Override
    public String toString() {
        return file + (line > 0 ? " line " + line : "") + (column == null ? "" : " (" + column + ")") + ": " + reason;
    }
}
