package cn.finalaccounts.fiscal.template;

import cn.finalaccounts.fiscal.catalogue.Subject;
import cn.finalaccounts.fiscal.catalogue.SubjectCatalogue;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One 公开表 of a year: its columns, its fixed rows and, where it has them, its 科目 rows. A 科目 row exists
 * for every code of the year's catalogue at an allowed level, so a new year's codes are data, not code.
 */
public final class TableTemplate {
    private final String id;
    private final String code;
    private final String name;
    private final String nameEn;
    private final List<ColumnTemplate> columns;
    /** Print order; a {@code null} entry marks where the 科目 rows are printed. */
    private final List<RowTemplate> layout;
    private final Map<String, RowTemplate> fixedRows;
    private final SubjectRows subjectRows;
    private final SubjectCatalogue subjects;
    private final Set<String> negativeColumns;
    private final Map<String, List<String>> sumOf;

    /** The id of the 合计 row of a table keyed by 科目. */
    public static final String TOTAL_ROW = "total";

    TableTemplate(String id, String code, String name, String nameEn, List<ColumnTemplate> columns,
            List<RowTemplate> layout, Map<String, RowTemplate> fixedRows, SubjectRows subjectRows,
            SubjectCatalogue subjects, Set<String> negativeColumns, Map<String, List<String>> sumOf) {
        this.id = id;
        this.code = code;
        this.name = name;
        this.nameEn = nameEn;
        this.columns = List.copyOf(columns);
        this.layout = layout;
        this.fixedRows = Map.copyOf(fixedRows);
        this.subjectRows = subjectRows;
        this.subjects = subjects;
        this.negativeColumns = Set.copyOf(negativeColumns);
        this.sumOf = Map.copyOf(sumOf);
    }

    public String id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public String nameEn() {
        return nameEn;
    }

    public List<ColumnTemplate> columns() {
        return columns;
    }

    public Optional<SubjectRows> subjectRows() {
        return Optional.ofNullable(subjectRows);
    }

    public boolean hasColumn(String columnId) {
        return columns.stream().anyMatch(c -> c.id().equals(columnId));
    }

    /** A fixed row by id, or a 科目 row by code when the code is in the year's catalogue at an allowed level. */
    public Optional<RowTemplate> row(String rowId) {
        RowTemplate fixed = fixedRows.get(rowId);
        if (fixed != null) {
            return Optional.of(fixed);
        }
        if (subjectRows == null) {
            return Optional.empty();
        }
        return subjects.find(rowId)
                .filter(s -> subjectRows.levels().contains(s.level()))
                .map(this::subjectRow);
    }

    /** The 科目 level (类, 款, 项) of a 科目 row; empty for a fixed row or an unknown one. */
    public Optional<SubjectLevel> levelOf(String rowId) {
        if (fixedRows.containsKey(rowId) || subjects == null) {
            return Optional.empty();
        }
        return subjects.find(rowId).map(Subject::level);
    }

    /** The 科目 a row sums into (款 for a 项, 类 for a 款), or "total" for a 类 where the table has a 合计 row. */
    public Optional<String> parentOf(String rowId) {
        Optional<Subject> s = subjects == null || fixedRows.containsKey(rowId) ? Optional.empty() : subjects.find(rowId);
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (s.get().parentCode() != null) {
            return Optional.of(s.get().parentCode());
        }
        return fixedRows.containsKey(TOTAL_ROW) ? Optional.of(TOTAL_ROW) : Optional.empty();
    }

    /** The rows a fixed row adds up when the report leaves it blank ({@code sumOf} in the template). */
    public Optional<List<String>> sumOf(String rowId) {
        return Optional.ofNullable(sumOf.get(rowId));
    }

    public List<RowTemplate> fixedRows() {
        return layout.stream().filter(r -> r != null).toList();
    }

    /** May this cell hold a negative figure? Only 结转结余-type rows and columns may (负数需说明). */
    public boolean negativeAllowed(RowTemplate row, String columnId) {
        return row.negativeAllowed() || negativeColumns.contains(columnId);
    }

    /**
     * The rows as the table prints them. 科目 rows are listed only where the table prints a fixed list of
     * them (the 类 rows of 01表 and 04表); elsewhere {@link #subjectRows()} says which codes are taken.
     */
    public List<RowTemplate> printedRows() {
        List<RowTemplate> rows = new ArrayList<>();
        for (RowTemplate r : layout) {
            if (r != null) {
                rows.add(r);
            } else if (subjectRows.levels().equals(Set.of(SubjectLevel.LEI))) {
                subjects.subjects().stream()
                        .filter(s -> s.level() == SubjectLevel.LEI)
                        .sorted((a, b) -> a.code().compareTo(b.code()))
                        .map(this::subjectRow)
                        .forEach(rows::add);
            }
        }
        return rows;
    }

    /**
     * Every row a report of the year may fill, in print order: the fixed rows in their place and, where the table
     * takes 科目, every code of the year's catalogue at the table's levels, by code (so a 类 precedes its 款 and 项).
     * A blank form to fill (空白表样) prints these.
     */
    public List<RowTemplate> allRows() {
        List<RowTemplate> rows = new ArrayList<>();
        for (RowTemplate r : layout) {
            if (r != null) {
                rows.add(r);
            } else {
                subjects.subjects().stream()
                        .filter(s -> subjectRows.levels().contains(s.level()))
                        .sorted((a, b) -> a.code().compareTo(b.code()))
                        .map(this::subjectRow)
                        .forEach(rows::add);
            }
        }
        return rows;
    }

    /**
     * Orders row ids as the table prints them: fixed rows in their place, 科目 rows where the table prints its
     * 科目, by code (so 类 precedes its 款 and 项); columns then by their number.
     */
    public Comparator<String> rowOrder() {
        int subjectsAt = layout.indexOf(null);
        return Comparator.<String>comparingInt(rowId -> {
            RowTemplate fixed = fixedRows.get(rowId);
            return fixed != null ? layout.indexOf(fixed) : subjectsAt;
        }).thenComparing(Comparator.naturalOrder());
    }

    /** Orders 栏次 ids numerically ("2" before "10"). */
    public static Comparator<String> columnOrder() {
        return Comparator.<String>comparingInt(String::length).thenComparing(Comparator.naturalOrder());
    }

    private RowTemplate subjectRow(Subject s) {
        return new RowTemplate(s.code(), s.code(), s.level().label(), null, s.name(), subjectRows.columns(), false);
    }
}
