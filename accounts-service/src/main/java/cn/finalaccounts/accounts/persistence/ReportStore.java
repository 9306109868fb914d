package cn.finalaccounts.accounts.persistence;

import cn.finalaccounts.fiscal.org.NodeHistory;
import cn.finalaccounts.fiscal.org.NodeVersion;
import cn.finalaccounts.fiscal.org.UnitType;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

/**
 * The write path of a unit's report (save, submit) in plain JDBC, one statement per thing it reads or writes, in the
 * caller's transaction: the unit's node locked with its history, the working copy, what last year holds, then the
 * rows written. The entities stay for the reads; here an ORM's loading, dirty checking and flushing of rows that
 * hold a report's JSON were a quarter of a save's CPU (docs/benchmarks.md). The objects it returns and takes are the
 * entity classes used as plain values, never attached to a persistence context.
 */
@ApplicationScoped
public class ReportStore {
    private static final TimeZone UTC = TimeZone.getTimeZone("UTC");

    @Inject
    AgroalDataSource dataSource;

    /** A unit's node as the write path needs it: its kind and type today, and how it stood year by year. */
    public record LockedNode(String code, String kind, String unitType, NodeHistory history) {
    }

    /**
     * The node, its row and its history's rows locked until the caller's transaction ends (saves and transitions of
     * one unit's reports run one at a time); empty when no node has the code.
     */
    public Optional<LockedNode> lock(String code) {
        String sql = "SELECT n.kind, n.unit_type, v.from_year, v.name, v.unit_type, v.parent_code, v.removed"
                + " FROM org_node n LEFT JOIN org_node_version v ON v.code = n.code WHERE n.code = ?"
                + " ORDER BY v.from_year FOR UPDATE";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                String kind = null;
                String unitType = null;
                List<NodeVersion> versions = new ArrayList<>();
                while (rs.next()) {
                    kind = rs.getString(1);
                    unitType = rs.getString(2);
                    int fromYear = rs.getInt(3);
                    if (!rs.wasNull()) {
                        String type = rs.getString(5);
                        versions.add(new NodeVersion(fromYear, rs.getString(4),
                                type == null ? null : UnitType.fromLabel(type), rs.getString(6), rs.getBoolean(7)));
                    }
                }
                return kind == null ? Optional.empty()
                        : Optional.of(new LockedNode(code, kind, unitType, new NodeHistory(versions)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock the node " + code, e);
        }
    }

    /** The unit's working copy of the year, as a value (not attached to any persistence context). */
    public Optional<UnitReport> workingCopy(String unit, int year) {
        String sql = "SELECT id, revision, version, state, amount_unit, cell_count, body, saved_at, updated_by,"
                + " audit_basis, audit_findings FROM unit_report WHERE unit_code = ? AND fiscal_year = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                UnitReport r = new UnitReport();
                r.id = rs.getLong(1);
                r.unitCode = unit;
                r.year = year;
                r.revision = rs.getLong(2);
                r.version = rs.getInt(3);
                r.state = rs.getString(4);
                r.amountUnit = rs.getString(5);
                r.cellCount = rs.getInt(6);
                r.body = CompressedText.decode(rs.getBytes(7));
                r.savedAt = rs.getTimestamp(8, Calendar.getInstance(UTC)).toInstant();
                r.updatedBy = rs.getString(9);
                r.auditBasis = rs.getString(10);
                r.auditFindings = rs.getString(11);
                return Optional.of(r);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the working copy of " + unit, e);
        }
    }

    /** Writes a new working copy, or every field of an existing one (by its id). */
    public void save(UnitReport r) {
        boolean created = r.id == null;
        String sql = created
                ? "INSERT INTO unit_report (revision, version, state, amount_unit, cell_count, body, saved_at,"
                        + " updated_by, audit_basis, audit_findings, unit_code, fiscal_year)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                : "UPDATE unit_report SET revision = ?, version = ?, state = ?, amount_unit = ?, cell_count = ?,"
                        + " body = ?, saved_at = ?, updated_by = ?, audit_basis = ?, audit_findings = ? WHERE id = ?";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = created ? c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)
                        : c.prepareStatement(sql)) {
            ps.setLong(1, r.revision);
            ps.setInt(2, r.version);
            ps.setString(3, r.state);
            ps.setString(4, r.amountUnit);
            ps.setInt(5, r.cellCount);
            ps.setBytes(6, CompressedText.encode(r.body));
            ps.setTimestamp(7, Timestamp.from(r.savedAt), Calendar.getInstance(UTC));
            ps.setString(8, r.updatedBy);
            ps.setString(9, r.auditBasis);
            ps.setString(10, r.auditFindings);
            if (created) {
                ps.setString(11, r.unitCode);
                ps.setInt(12, r.year);
            } else {
                ps.setLong(11, r.id);
            }
            ps.executeUpdate();
            if (created) {
                r.id = generatedKey(ps);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the working copy of " + r.unitCode, e);
        }
    }

    /** Writes only what a transition changes of the working copy: state, version, revision and who. */
    public void moved(UnitReport r) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE unit_report SET revision = ?, version = ?, state = ?, updated_by = ? WHERE id = ?")) {
            ps.setLong(1, r.revision);
            ps.setInt(2, r.version);
            ps.setString(3, r.state);
            ps.setString(4, r.updatedBy);
            ps.setLong(5, r.id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the state of " + r.unitCode, e);
        }
    }

    /** Appends a submitted version; sets its id, which the outbox row refers to. */
    public void append(ReportVersion v) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_version (unit_code, fiscal_year, version, state, body, findings, waivers,"
                        + " submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, v.unitCode);
            ps.setInt(2, v.year);
            ps.setInt(3, v.version);
            ps.setString(4, v.state);
            ps.setBytes(5, CompressedText.encode(v.body));
            ps.setString(6, v.findings);
            ps.setString(7, v.waivers);
            ps.setString(8, v.submittedBy);
            ps.setTimestamp(9, Timestamp.from(v.submittedAt), Calendar.getInstance(UTC));
            ps.executeUpdate();
            v.id = generatedKey(ps);
        } catch (SQLException e) {
            throw new IllegalStateException("could not store version " + v.version + " of " + v.unitCode, e);
        }
    }

    /** A version's state after a decision (approved, returned); who decided is in the decision trail. */
    public void decided(long versionId, String state) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "UPDATE report_version SET state = ? WHERE id = ?")) {
            ps.setString(1, state);
            ps.setLong(2, versionId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store the decision on version " + versionId, e);
        }
    }

    /** Appends a move to the report's decision trail (never updated). */
    public void append(ReportTransition t) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_transition (unit_code, fiscal_year, version, from_state, to_state, actor,"
                        + " actor_subject, actor_label, note, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, t.unitCode);
            ps.setInt(2, t.year);
            ps.setInt(3, t.version);
            ps.setString(4, t.fromState);
            ps.setString(5, t.toState);
            ps.setString(6, t.actor);
            ps.setString(7, t.actorSubject);
            ps.setString(8, t.actorLabel);
            ps.setString(9, t.note);
            ps.setTimestamp(10, Timestamp.from(t.at), Calendar.getInstance(UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the decision trail of " + t.unitCode, e);
        }
    }

    /** Records a subject as an editor of a version of the report; once per person and version. */
    public void edited(String unit, int year, int version, String subject, String username) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO report_editor (unit_code, fiscal_year, version, subject, username, first_saved_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE subject = subject")) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            ps.setInt(3, version);
            ps.setString(4, subject);
            ps.setString(5, username);
            ps.setTimestamp(6, Timestamp.from(Instant.now()), Calendar.getInstance(UTC));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the editor of " + unit, e);
        }
    }

    /**
     * What a unit holds of a year, for the cross-year rules: its latest approved version (null: none) and its
     * working copy's revision (null: none); and the units it was formed from, with how ({@code merged}, {@code split}),
     * in code order. One statement.
     */
    public record YearHolding(Integer approvedVersion, Long workingRevision, List<Predecessor> predecessors) {
    }

    /** A unit this one was formed from, and how ({@link UnitPredecessor#MERGED} or {@link UnitPredecessor#SPLIT}). */
    public record Predecessor(String relation, String code) {
    }

    public YearHolding holding(String unit, int year) {
        String sql = "SELECT 'approved', NULL, MAX(version) FROM report_version"
                + " WHERE unit_code = ? AND fiscal_year = ? AND state = 'approved'"
                + " UNION ALL SELECT 'working', NULL, revision FROM unit_report WHERE unit_code = ? AND fiscal_year = ?"
                + " UNION ALL SELECT relation, predecessor_code, NULL FROM unit_predecessor WHERE unit_code = ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, unit);
            ps.setInt(2, year);
            ps.setString(3, unit);
            ps.setInt(4, year);
            ps.setString(5, unit);
            Integer approved = null;
            Long working = null;
            List<Predecessor> predecessors = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String what = rs.getString(1);
                    long n = rs.getLong(3);
                    boolean none = rs.wasNull();
                    if (what.equals("approved")) {
                        approved = none ? null : (int) n;
                    } else if (what.equals("working")) {
                        working = n;
                    } else {
                        predecessors.add(new Predecessor(what, rs.getString(2)));
                    }
                }
            }
            predecessors.sort(java.util.Comparator.comparing(Predecessor::code));
            return new YearHolding(approved, working, predecessors);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read what " + unit + " holds of " + year, e);
        }
    }

    /** A unit-year's working copy revision and the row id of each of its versions: what a snapshot's events name. */
    public record Versions(String unit, int year, long revision, java.util.Map<Integer, Long> ids) {
    }

    /** The revision and version ids of every report of the listed units, without reading any figures. */
    public List<Versions> versionsOf(java.util.Collection<String> units) {
        if (units.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(units.size(), "?"));
        String sql = "SELECT r.unit_code, r.fiscal_year, r.revision, v.version, v.id FROM unit_report r"
                + " JOIN report_version v ON v.unit_code = r.unit_code AND v.fiscal_year = r.fiscal_year"
                + " WHERE r.unit_code IN (" + marks + ") ORDER BY r.unit_code, r.fiscal_year";
        java.util.Map<String, Versions> found = new java.util.LinkedHashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            for (String unit : units) {
                ps.setString(i++, unit);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String unit = rs.getString(1);
                    int year = rs.getInt(2);
                    long revision = rs.getLong(3);
                    found.computeIfAbsent(unit + "|" + year, k -> new Versions(unit, year, revision,
                            new java.util.HashMap<>())).ids().put(rs.getInt(4), rs.getLong(5));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the versions of " + units.size() + " units", e);
        }
        return List.copyOf(found.values());
    }

    private static long generatedKey(PreparedStatement ps) throws SQLException {
        try (ResultSet keys = ps.getGeneratedKeys()) {
            if (!keys.next()) {
                throw new SQLException("no key was generated");
            }
            return keys.getLong(1);
        }
    }
}
