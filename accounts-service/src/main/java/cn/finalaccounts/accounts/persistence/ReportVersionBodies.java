package cn.finalaccounts.accounts.persistence;

import cn.finalaccounts.support.outbox.OutboxBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The report versions' stored bodies, which the outbox rows of submitted and approved reports refer to instead of
 * copying them (a version's body is written once, at submission, and never changed): the relay splices the body in
 * when it publishes, so the event on the topic is exactly the one committed.
 */
@ApplicationScoped
public class ReportVersionBodies implements OutboxBodies {
    private static final String PREFIX = "report_version/";

    /** How an outbox row names a version's body: {@code report_version/<row id>}. */
    public static String reference(ReportVersion v) {
        if (v.id == null) {
            throw new IllegalStateException("the version is not stored yet: an event may refer only to a stored body");
        }
        return reference(v.id);
    }

    /** The same, by the version's row id. */
    public static String reference(long versionId) {
        return PREFIX + versionId;
    }

    @Override
    public String body(Connection c, String reference) throws SQLException {
        if (!reference.startsWith(PREFIX)) {
            return null;
        }
        long id;
        try {
            id = Long.parseLong(reference.substring(PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM report_version WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? CompressedText.decode(rs.getBytes(1)) : null;
            }
        }
    }
}
