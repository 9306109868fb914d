package cn.finalaccounts.performance.persistence;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One spending record of a project through the year (万元). */
@Entity
@Table(name = "project_spending")
public class ProjectSpending extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(name = "spent_on", nullable = false)
    public LocalDate spentOn;

    @Column(nullable = false, precision = 18, scale = 2)
    public BigDecimal amount;

    @Column(length = 500)
    public String memo;

    @Column(name = "recorded_at", nullable = false)
    public Instant recordedAt;

    public static List<ProjectSpending> of(Long projectId) {
        return list("projectId", Sort.by("spentOn").and("id"), projectId);
    }

    /** The project's spending so far, 0 when none. */
    public static java.math.BigDecimal totalOf(Long projectId) {
        return getEntityManager().createQuery(
                "SELECT COALESCE(SUM(s.amount), 0) FROM ProjectSpending s WHERE s.projectId = :id", java.math.BigDecimal.class)
                .setParameter("id", projectId).getSingleResult();
    }
}
