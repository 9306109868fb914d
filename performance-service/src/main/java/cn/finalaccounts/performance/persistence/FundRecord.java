package cn.finalaccounts.performance.persistence;

import cn.finalaccounts.fiscal.performance.FundStatistics;
import cn.finalaccounts.fiscal.performance.SocialInsuranceFund;
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

/** One fund's statistics of a year at one level of a region, as stored. */
@Entity
@Table(name = "fund_statistics")
public class FundRecord extends PanacheEntityBase {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "fiscal_year", nullable = false)
    public int year;

    @Column(name = "region_code", nullable = false, length = 64)
    public String region;

    /** {@link SocialInsuranceFund#id()}. */
    @Column(nullable = false, length = 32)
    public String fund;

    @Column(nullable = false, length = 16)
    public String level;

    @Column(precision = 18, scale = 2)
    public BigDecimal insured;

    @Column(precision = 18, scale = 2)
    public BigDecimal active;

    @Column(precision = 18, scale = 2)
    public BigDecimal retired;

    @Column(name = "total_income", nullable = false, precision = 18, scale = 2)
    public BigDecimal totalIncome;

    @Column(name = "premium_income", precision = 18, scale = 2)
    public BigDecimal premiumIncome;

    @Column(name = "total_expense", nullable = false, precision = 18, scale = 2)
    public BigDecimal totalExpense;

    @Column(name = "benefit_expense", precision = 18, scale = 2)
    public BigDecimal benefitExpense;

    @Column(precision = 18, scale = 2)
    public BigDecimal balance;

    @Column(nullable = false)
    public long revision;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public FundStatistics statistics() {
        return new FundStatistics(SocialInsuranceFund.parse(fund).orElseThrow(), level, insured, active, retired,
                totalIncome, premiumIncome, totalExpense, benefitExpense, balance);
    }

    public static Optional<FundRecord> of(int year, String region, String fund, String level) {
        return find("year = ?1 and region = ?2 and fund = ?3 and level = ?4", year, region, fund, level)
                .firstResultOptional();
    }

    public static List<FundRecord> of(int year, String region, String fund) {
        return list("year = ?1 and region = ?2 and fund = ?3", Sort.by("level"), year, region, fund);
    }

    public static List<FundRecord> of(int year, String region) {
        return list("year = ?1 and region = ?2", Sort.by("fund").and("level"), year, region);
    }
}
