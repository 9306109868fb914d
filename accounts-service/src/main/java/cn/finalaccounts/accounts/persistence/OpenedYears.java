package cn.finalaccounts.accounts.persistence;

import cn.finalaccounts.fiscal.year.YearSources;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The years a bureau opened, each with the files it was built from ({@code opened_year}, {@code opened_year_file}). */
@ApplicationScoped
public class OpenedYears {
    /** One opened year as listed: who opened it from which year, and when. */
    public record Opened(int year, int previousYear, String contentDigest, String auditDigest, String openedBy,
            Instant openedAt) {
    }

    @Inject
    AgroalDataSource db;

    /** Stores the year in the caller's transaction; a year stored already fails on its primary key. */
    public void insert(YearSources sources, int previousYear, String openedBy, Instant openedAt) throws SQLException {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO opened_year (fiscal_year, previous_year,"
                    + " content_digest, audit_digest, opened_by, opened_at) VALUES (?, ?, ?, ?, ?, ?)")) {
                ps.setInt(1, sources.year());
                ps.setInt(2, previousYear);
                ps.setString(3, sources.contentDigest());
                ps.setString(4, sources.auditDigest());
                ps.setString(5, openedBy);
                ps.setTimestamp(6, Timestamp.from(openedAt));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO opened_year_file (fiscal_year, name, content) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, byte[]> file : sources.files().entrySet()) {
                    ps.setInt(1, sources.year());
                    ps.setString(2, file.getKey());
                    ps.setBytes(3, file.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
        }
    }

    public List<Opened> list() throws SQLException {
        List<Opened> years = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("SELECT fiscal_year,"
                + " previous_year, content_digest, audit_digest, opened_by, opened_at FROM opened_year"
                + " ORDER BY fiscal_year"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                years.add(new Opened(rs.getInt(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getTimestamp(6).toInstant()));
            }
        }
        return years;
    }

    /** The files of an opened year; empty when it was not opened here. */
    public Optional<YearSources> sources(int year) throws SQLException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT name, content FROM opened_year_file WHERE fiscal_year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    files.put(rs.getString(1), rs.getBytes(2));
                }
            }
        }
        return files.isEmpty() ? Optional.empty() : Optional.of(new YearSources(year, files));
    }
}
