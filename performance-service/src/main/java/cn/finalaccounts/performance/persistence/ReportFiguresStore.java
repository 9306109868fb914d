package cn.finalaccounts.performance.persistence;

import cn.finalaccounts.fiscal.workflow.CountedView;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** The 项目支出 of each unit's 决算 (03表 and 05表 合计 栏3), per view, as accounts-service published them. */
@ApplicationScoped
public class ReportFiguresStore {
    @Inject
    AgroalDataSource dataSource;

    /** The 项目支出 of one counted report version. */
    public record ProjectSpendingFigures(CountedView view, long version, BigDecimal table03, BigDecimal table05) {
    }

    public Optional<ProjectSpendingFigures> find(String unit, int year, CountedView view) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT version, table03, table05 FROM report_project_spending WHERE unit_code = ? AND fiscal_year = ?"
                        + " AND view_name = ?")) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            ps.setString(3, view.id());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new ProjectSpendingFigures(view, rs.getLong(1), rs.getBigDecimal(2),
                        rs.getBigDecimal(3))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read report figures", e);
        }
    }

    /** Keeps the figures of a version when it is newer than the one kept for that view. */
    public void keepIfNewer(String unit, int year, ProjectSpendingFigures f) {
        Optional<ProjectSpendingFigures> kept = find(unit, year, f.view());
        if (kept.isPresent() && kept.get().version() >= f.version()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_project_spending (unit_code, fiscal_year, view_name, version, table03, table05)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE version = VALUES(version),"
                        + " table03 = VALUES(table03), table05 = VALUES(table05)")) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            ps.setString(3, f.view().id());
            ps.setLong(4, f.version());
            ps.setBigDecimal(5, f.table03());
            ps.setBigDecimal(6, f.table05());
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not keep report figures", e);
        }
    }
}
