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

    TableTemplate(String id, String code, String name, String nameEn, List<ColumnTemplate> columns,
            List<RowTemplate> layout, Map<String, RowTemplate> fixedRows, SubjectRows subjectRows,
            SubjectCatalogue subjects, Set<String> negativeColumns) {
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
