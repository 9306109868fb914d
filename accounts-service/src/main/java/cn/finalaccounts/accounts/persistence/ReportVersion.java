package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One submission of a unit's report, kept whole forever: figures, findings, waivers, who submitted it and when.
 * {@code state} is where the version stands now; who approved or returned it, when and why is in its decision
 * trail ({@link ReportTransition}), never here, so that a later decision cannot overwrite an earlier one.
 */
@Entity
@Table(name = "report_version")
public class ReportVersion extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_code", nullable = false, length = 64)
    public String unitCode;

    @Column(name = "fiscal_year", nullable = false)
    public int year;

    @Column(nullable = false)
    public int version;

    @Column(nullable = false, length = 16)
    public String state;

    /** The report with its derived subtotals (JSON), as the 汇总 receives it; stored compressed ({@link CompressedText}). */
    @Column(nullable = false, columnDefinition = "MEDIUMBLOB")
    @Convert(converter = CompressedText.Column.class)
    public String body;

    /** The audit findings at submission (JSON). */
    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String findings;

    /** The waivers (校验申请) given for the error findings (JSON). */
    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String waivers;

    @Column(name = "submitted_by", nullable = false, length = 100)
    public String submittedBy;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    public static List<ReportVersion> of(String unitCode, int year) {
        return list("unitCode = ?1 and year = ?2", Sort.by("version"), unitCode, year);
    }

    public static Optional<ReportVersion> of(String unitCode, int year, int version) {
        return find("unitCode = ?1 and year = ?2 and version = ?3", unitCode, year, version).firstResultOptional();
    }
}
