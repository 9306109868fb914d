package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A unit's working copy of its report of one year, as the unit sent it (the canonical JSON report shape). */
@Entity
@Table(name = "unit_report")
public class UnitReport extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_code", nullable = false, length = 64)
    public String unitCode;

    @Column(name = "fiscal_year", nullable = false)
    public int year;

    /** Grows with every change of the working copy (saves and transitions). */
    @Column(nullable = false)
    public long revision;

    /** The number of the latest submission; 0 before the first. */
    @Column(nullable = false)
    public int version;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "amount_unit", nullable = false, length = 8)
    public String amountUnit;

    @Column(name = "cell_count", nullable = false)
    public int cellCount;

    /** Stored compressed ({@link CompressedText}). */
    @Column(nullable = false, columnDefinition = "MEDIUMBLOB")
    @Convert(converter = CompressedText.Column.class)
    public String body;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;

    @Column(name = "updated_by", length = 100)
    public String updatedBy;

    /**
     * What the kept audit of {@link #body} was computed with besides the body (ReportAudit.Basis); null when no audit
     * is kept. The kept audit holds exactly while this matches the current basis. The completed body it saw is not
     * kept: it is the body with its derived subtotals, derived again when needed.
     */
    @Column(name = "audit_basis", length = 255)
    public String auditBasis;

    /** The findings of the kept audit (JSON). */
    @Column(name = "audit_findings", columnDefinition = "MEDIUMTEXT")
    public String auditFindings;

    public static Optional<UnitReport> of(String unitCode, int year) {
        return find("unitCode = ?1 and year = ?2", unitCode, year).firstResultOptional();
    }
}
