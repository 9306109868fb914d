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
import java.util.List;

/** A 绩效指标 of a project's 自评表, in the order the unit listed them. */
@Entity
@Table(name = "project_indicator")
public class ProjectIndicator extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "project_id", nullable = false)
    public Long projectId;

    @Column(nullable = false)
    public int position;

    @Column(nullable = false, length = 50)
    public String level1;

    @Column(nullable = false, length = 50)
    public String level2;

    @Column(nullable = false, length = 200)
    public String level3;

    @Column(nullable = false, length = 16)
    public String kind;

    @Column(length = 16)
    public String direction;

    @Column(precision = 18, scale = 4)
    public BigDecimal target;

    @Column(precision = 18, scale = 4)
    public BigDecimal actual;

    @Column(length = 16)
    public String achievement;

    @Column(nullable = false, precision = 6, scale = 2)
    public BigDecimal weight;

    @Column(nullable = false)
    public boolean applicable;

    public static List<ProjectIndicator> of(Long projectId) {
        return list("projectId", Sort.by("position"), projectId);
    }
}
