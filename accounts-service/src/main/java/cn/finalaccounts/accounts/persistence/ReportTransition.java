package cn.finalaccounts.accounts.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** The audit trail of a report: every move between states, by whom, when and why. */
@Entity
@Table(name = "report_transition")
public class ReportTransition extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_code", nullable = false, length = 64)
    public String unitCode;

    @Column(name = "fiscal_year", nullable = false)
    public int year;

    @Column(nullable = false)
    public int version;

    @Column(name = "from_state", nullable = false, length = 16)
    public String fromState;

    @Column(name = "to_state", nullable = false, length = 16)
    public String toState;

    @Column(nullable = false, length = 100)
    public String actor;

    @Column(length = 2000)
    public String note;

    @Column(nullable = false)
    public Instant at;

    public static List<ReportTransition> of(String unitCode, int year) {
        return list("unitCode = ?1 and year = ?2", Sort.by("id"), unitCode, year);
    }
}
