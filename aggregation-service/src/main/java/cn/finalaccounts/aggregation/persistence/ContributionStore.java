package cn.finalaccounts.aggregation.persistence;

import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.summary.Contribution;
import cn.finalaccounts.fiscal.workflow.CountedView;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** The current contribution of each unit and year, stored as the cells it added (exact decimal amounts). */
@ApplicationScoped
public class ContributionStore {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource dataSource;

    /** Stores the contributions, replacing each unit's for its year and view, in batches of 200 rows. */
    public void saveAll(Collection<Contribution> contributions) {
        if (contributions.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO unit_contribution (unit_code, fiscal_year, view_name, version, state, cells, applied_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE version = VALUES(version),"
                        + " state = VALUES(state), cells = VALUES(cells), applied_at = VALUES(applied_at)")) {
            int pending = 0;
            for (Contribution contribution : contributions) {
                ps.setString(1, contribution.unit());
                ps.setInt(2, contribution.year());
                ps.setString(3, contribution.view().id());
                ps.setLong(4, contribution.version());
                ps.setString(5, contribution.state());
                ps.setString(6, format(contribution.cells()));
                ps.setTimestamp(7, Timestamp.from(contribution.appliedAt()));
                ps.addBatch();
                // Each row carries a report's cells as JSON (about 20 KB): bounded batches stay well inside the
                // server's max_allowed_packet.
                if (++pending == 200) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            if (pending > 0) {
                ps.executeBatch();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store contributions", e);
        }
    }

    /** Up to {@code limit} codes of units with a contribution, in code order, after the given one (null: first). */
    public List<String> unitsAfter(String after, int limit) {
        List<String> units = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT DISTINCT unit_code FROM unit_contribution WHERE unit_code > ? ORDER BY unit_code LIMIT ?")) {
            ps.setString(1, after == null ? "" : after);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    units.add(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list contributing units", e);
        }
        return units;
    }

    /** The version of every contribution (all years and views) of the listed units, without cells (null). */
    public List<Contribution> versionsOf(Collection<String> units) {
        return ofUnits(units, false);
    }

    /** Every contribution, all years and views, of the listed units, with its cells. */
    public List<Contribution> allOf(Collection<String> units) {
        return ofUnits(units, true);
    }

    /** Every contribution of the listed units, in chunks of 500 codes, with its cells or without (cheaper). */
    private List<Contribution> ofUnits(Collection<String> units, boolean withCells) {
        List<Contribution> found = new ArrayList<>();
        for (List<String> chunk : InList.chunks(units)) {
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT unit_code, fiscal_year, view_name, version, state, applied_at" + (withCells ? ", cells" : "")
                            + " FROM unit_contribution WHERE unit_code IN (" + InList.marks(chunk.size()) + ")")) {
                int i = 1;
                for (String u : chunk) {
                    ps.setString(i++, u);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Contribution(rs.getString(1), rs.getInt(2),
                                CountedView.parse(rs.getString(3)).orElseThrow(), rs.getLong(4), rs.getString(5),
                                withCells ? parse(rs.getString(7)) : null, rs.getTimestamp(6).toInstant()));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read contributions", e);
            }
        }
        return found;
    }

    /** Version and time of each listed unit's contribution to a year in a view; units without one are absent. */
    public List<Contribution> versionsOf(Collection<String> units, int year, CountedView view) {
        return query(units, year, view, false);
    }

    /** The contributions, with their cells, of the listed units to a year in a view. */
    public List<Contribution> findAll(Collection<String> units, int year, CountedView view) {
        return query(units, year, view, true);
    }

    /** Reads the listed units' contributions in chunks of 500 codes, with their cells or without (cheaper). */
    private List<Contribution> query(Collection<String> units, int year, CountedView view, boolean withCells) {
        List<Contribution> found = new ArrayList<>();
        for (List<String> chunk : InList.chunks(units)) {
            String marks = InList.marks(chunk.size());
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT unit_code, version, state, applied_at" + (withCells ? ", cells" : "")
                            + " FROM unit_contribution WHERE fiscal_year = ? AND view_name = ? AND unit_code IN ("
                            + marks + ") ORDER BY unit_code")) {
                ps.setInt(1, year);
                ps.setString(2, view.id());
                int i = 3;
                for (String u : chunk) {
                    ps.setString(i++, u);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Contribution(rs.getString(1), year, view, rs.getLong(2), rs.getString(3),
                                withCells ? parse(rs.getString(5)) : null, rs.getTimestamp(4).toInstant()));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read contributions", e);
            }
        }
        return found;
    }

    /** Every contribution with its cells, for a from-scratch recomputation. */
    public List<Contribution> all() {
        List<Contribution> found = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT unit_code, fiscal_year, view_name, version, state, cells, applied_at FROM unit_contribution");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                found.add(new Contribution(rs.getString(1), rs.getInt(2), CountedView.parse(rs.getString(3)).orElseThrow(),
                        rs.getLong(4), rs.getString(5), parse(rs.getString(6)), rs.getTimestamp(7).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read contributions", e);
        }
        return found;
    }

    /**
     * In the kept 汇总's line format ({@link SheetText}): a rebuild writes a contribution for every counted version
     * and a correction reads the one it retracts, and the lines are several times cheaper to write and to read
     * than the JSON array kept before (which {@link #parse} still reads).
     */
    private static String format(CellSheet cells) {
        return SheetText.format(cells);
    }

    private static CellSheet parse(String stored) {
        if (!stored.startsWith("[")) {
            return SheetText.parse(stored);
        }
        String json = stored; // written before the line format: [{"t": table, "r": row, "c": col, "a": amount}, …]
        CellSheet sheet = new CellSheet();
        try {
            for (JsonNode n : JSON.readTree(json)) {
                sheet.add(new CellKey(n.get("t").asText(), n.get("r").asText(), n.get("c").asText()),
                        new BigDecimal(n.get("a").asText()));
            }
        } catch (IOException e) {
            throw new IllegalStateException("stored contribution is not JSON", e);
        }
        return sheet;
    }
}
