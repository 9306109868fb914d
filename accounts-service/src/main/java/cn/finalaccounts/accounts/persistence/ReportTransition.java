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
import org.hibernate.annotations.Immutable;

/**
 * The decision trail of a report (审批记录): every move between states — submit, approve, return, and the unit's
 * first edit of a returned report — by whom, when and why. Rows are appended and never changed: an approval stays
 * on record after a later return. {@code @Immutable} makes Hibernate refuse to write a change to a loaded row
 * (ReportWorkflow is the only writer, and it only persists new rows).
 */
@Entity
@Immutable
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

    /**
     * Who decided: the token's username, for people to read; null only on rows written before tokens (an edit
     * saved without the old X-Actor header).
     */
    @Column(length = 100)
    public String actor;

    /** The token's subject of who decided: the identity maker-checker compares; null on rows written before it. */
    @Column(name = "actor_subject")
    public String actorSubject;

    /** What the caller typed in {@code by}: a display label only, never an identity. */
    @Column(name = "actor_label", length = 100)
    public String actorLabel;

    @Column(length = 2000)
    public String note;

    @Column(nullable = false)
    public Instant at;

    /** Every move of a unit's report of a year, in the order they were made. */
    public static List<ReportTransition> of(String unitCode, int year) {
        return list("unitCode = ?1 and year = ?2", Sort.by("id"), unitCode, year);
    }

    /** The moves made while the report stood at one version, in order: its decision trail. */
    public static List<ReportTransition> of(String unitCode, int year, int version) {
        return list("unitCode = ?1 and year = ?2 and version = ?3", Sort.by("id"), unitCode, year, version);
    }
}
