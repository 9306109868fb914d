package cn.finalaccounts.fiscal.template;

import cn.finalaccounts.fiscal.catalogue.Classification;
import cn.finalaccounts.fiscal.catalogue.SubjectLevel;
import java.util.List;
import java.util.Set;

/** Which 科目 a table takes as rows: one classification, some of its levels, into some columns. */
public record SubjectRows(Classification classification, Set<SubjectLevel> levels, List<String> columns) {
}
