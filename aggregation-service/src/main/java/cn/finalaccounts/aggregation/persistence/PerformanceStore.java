package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.events.FundStatisticsChanged;
import cn.finalaccounts.fiscal.events.ProjectChanged;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The latest revision of every project fund and of every fund's statistics, as performance-service published them. */
@ApplicationScoped
public class PerformanceStore {
    @Inject
    AgroalDataSource dataSource;

    public record ProjectRow(String unit, String project, String name, String fundingSource, BigDecimal fullYearBudget,
            BigDecimal spent, BigDecimal score, String grade, boolean behind) {
    }

    public record FundRow(String region, String fund, String level, BigDecimal insured, BigDecimal active,
            BigDecimal retired, BigDecimal totalIncome, BigDecimal premiumIncome, BigDecimal totalExpense,
            BigDecimal benefitExpense, BigDecimal balance) {
    }

    /** Keeps the project when the event is newer than the revision kept; a repeat or an older one changes nothing. */
    public void keep(ProjectChanged e) {
        if (revision("SELECT revision FROM project_contribution WHERE unit_code = ? AND fiscal_year = ? AND project = ?",
                e.unit(), e.year(), e.project()) >= e.revision()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO project_contribution (unit_code, fiscal_year, project, name, funding_source, full_year_budget,"
                        + " spent, score, grade, behind_schedule, revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON DUPLICATE KEY UPDATE name = VALUES(name), funding_source = VALUES(funding_source),"
                        + " full_year_budget = VALUES(full_year_budget), spent = VALUES(spent), score = VALUES(score),"
                        + " grade = VALUES(grade), behind_schedule = VALUES(behind_schedule), revision = VALUES(revision)")) {
            ps.setString(1, e.unit());
            ps.setInt(2, e.year());
            ps.setString(3, e.project());
            ps.setString(4, e.name());
            ps.setString(5, e.fundingSource());
            ps.setBigDecimal(6, e.fullYearBudget());
            ps.setBigDecimal(7, e.spent());
            ps.setBigDecimal(8, e.score() == null ? null : new BigDecimal(e.score()));
            ps.setString(9, e.grade());
            ps.setBoolean(10, e.behindSchedule());
            ps.setLong(11, e.revision());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not keep a project", ex);
        }
    }

    public void keep(FundStatisticsChanged e) {
        if (revision("SELECT revision FROM fund_contribution WHERE region_code = ? AND fiscal_year = ? AND fund = ?"
                + " AND level = ?", e.region(), e.year(), e.fund(), e.level()) >= e.revision()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fund_contribution (region_code, fiscal_year, fund, level, insured, active, retired,"
                        + " total_income, premium_income, total_expense, benefit_expense, balance, revision)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE insured = VALUES(insured),"
                        + " active = VALUES(active), retired = VALUES(retired), total_income = VALUES(total_income),"
                        + " premium_income = VALUES(premium_income), total_expense = VALUES(total_expense),"
                        + " benefit_expense = VALUES(benefit_expense), balance = VALUES(balance),"
                        + " revision = VALUES(revision)")) {
            ps.setString(1, e.region());
            ps.setInt(2, e.year());
            ps.setString(3, e.fund());
            ps.setString(4, e.level());
            int i = 5;
            for (String v : new String[] {e.insured(), e.active(), e.retired(), e.totalIncome(), e.premiumIncome(),
                    e.totalExpense(), e.benefitExpense(), e.balance()}) {
                ps.setBigDecimal(i++, v == null ? null : new BigDecimal(v));
            }
            ps.setLong(13, e.revision());
            ps.executeUpdate();
        } catch (SQLException ex) {
            throw new IllegalStateException("could not keep fund statistics", ex);
        }
    }

    public List<ProjectRow> projects(Collection<String> units, int year) {
        List<ProjectRow> rows = new ArrayList<>();
        if (units.isEmpty()) {
            return rows;
        }
        String marks = InList.marks(units.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT unit_code, project, name, funding_source, full_year_budget, spent, score, grade, behind_schedule"
                        + " FROM project_contribution WHERE fiscal_year = ? AND unit_code IN (" + marks + ")"
                        + " ORDER BY unit_code, project")) {
            ps.setInt(1, year);
            int i = 2;
            for (String u : units) {
                ps.setString(i++, u);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new ProjectRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getString(8), rs.getBoolean(9)));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read projects", ex);
        }
        return rows;
    }

    public List<FundRow> funds(Collection<String> regions, int year) {
        List<FundRow> rows = new ArrayList<>();
        if (regions.isEmpty()) {
            return rows;
        }
        String marks = InList.marks(regions.size());
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT region_code, fund, level, insured, active, retired, total_income, premium_income, total_expense,"
                        + " benefit_expense, balance FROM fund_contribution WHERE fiscal_year = ? AND region_code IN ("
                        + marks + ") ORDER BY fund, level, region_code")) {
            ps.setInt(1, year);
            int i = 2;
            for (String r : regions) {
                ps.setString(i++, r);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new FundRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                            rs.getBigDecimal(9), rs.getBigDecimal(10), rs.getBigDecimal(11)));
                }
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read fund statistics", ex);
        }
        return rows;
    }

    private long revision(String sql, Object... keys) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < keys.length; i++) {
                ps.setObject(i + 1, keys[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        } catch (SQLException ex) {
            throw new IllegalStateException("could not read a revision", ex);
        }
    }
}
