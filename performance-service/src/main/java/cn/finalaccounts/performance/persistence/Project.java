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
import java.util.List;
import java.util.Optional;

/** A project fund (项目) of a unit in a year: its budgets in 万元 and its 年度目标. */
@Entity
@Table(name = "project")
public class Project extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "unit_code", nullable = false, length = 64)
    public String unitCode;

    @Column(name = "fiscal_year", nullable = false)
    public int year;

    @Column(nullable = false, length = 64)
    public String code;

    @Column(nullable = false, length = 200)
    public String name;

    /** {@link cn.finalaccounts.fiscal.performance.FundingSource#label()}. */
    @Column(name = "funding_source", nullable = false, length = 16)
    public String fundingSource;

    /** 年初预算数. */
    @Column(name = "initial_budget", nullable = false, precision = 18, scale = 2)
    public BigDecimal initialBudget;

    /** 全年预算数: the adjusted budget, the denominator of 执行率. */
    @Column(name = "full_year_budget", nullable = false, precision = 18, scale = 2)
    public BigDecimal fullYearBudget;

    @Column(length = 2000)
    public String goal;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static Optional<Project> of(String unit, int year, String code) {
        return find("unitCode = ?1 and year = ?2 and code = ?3", unit, year, code).firstResultOptional();
    }

    public static List<Project> of(String unit, int year) {
        return list("unitCode = ?1 and year = ?2", Sort.by("code"), unit, year);
    }
}
