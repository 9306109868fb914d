package cn.finalaccounts.fiscal.catalogue;

/**
 * One 科目 of a year's classification. {@code confidence} says whether the code was confirmed against the
 * 科目 book ("high") or still needs checking ("medium").
 */
public record Subject(String code, SubjectLevel level, String name, String parentCode, String confidence, String note) {
}
