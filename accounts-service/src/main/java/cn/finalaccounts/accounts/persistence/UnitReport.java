package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Optional;

/** A unit's current report of one year, the body kept as the canonical JSON report shape. */
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

    @Column(nullable = false)
    public long version;

    @Column(nullable = false, length = 16)
    public String state;

    @Column(name = "amount_unit", nullable = false, length = 8)
    public String amountUnit;

    @Column(name = "cell_count", nullable = false)
    public int cellCount;

    @Column(nullable = false, columnDefinition = "MEDIUMTEXT")
    public String body;

    @Column(name = "saved_at", nullable = false)
    public Instant savedAt;

    public static Optional<UnitReport> of(String unitCode, int year) {
        return find("unitCode = ?1 and year = ?2", unitCode, year).firstResultOptional();
    }
}
