package cn.finalaccounts.accounts.persistence;

import cn.finalaccounts.support.outbox.OutboxBodies;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
        return bodies(c, List.of(reference)).get(reference);
    }

    /** The bodies in one statement; a reference that is not a version's, or names no stored version, is left out. */
    @Override
    public Map<String, String> bodies(Connection c, Collection<String> references) throws SQLException {
        Map<Long, String> byId = new LinkedHashMap<>();
        for (String reference : references) {
            Long id = versionId(reference);
            if (id != null) {
                byId.put(id, reference);
            }
        }
        Map<String, String> found = new HashMap<>();
        if (byId.isEmpty()) {
            return found;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id, body FROM report_version WHERE id IN ("
                + "?,".repeat(byId.size() - 1) + "?)")) {
            int i = 1;
            for (Long id : byId.keySet()) {
                ps.setLong(i++, id);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(byId.get(rs.getLong(1)), CompressedText.decode(rs.getBytes(2)));
                }
            }
        }
        return found;
    }

    /**
     * The version's row id a reference names; null unless it is spelled exactly as {@link #reference(long)} spells it
     * (no sign, no leading zero, ASCII digits), so that one body has one reference.
     */
    private static Long versionId(String reference) {
        if (reference == null || !reference.startsWith(PREFIX)) {
            return null;
        }
        try {
            long id = Long.parseLong(reference.substring(PREFIX.length()));
            return reference.equals(reference(id)) ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
