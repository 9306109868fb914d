package cn.finalaccounts.support.security;

import io.agroal.api.AgroalDataSource;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The service's append-only audit trail (table {@code audit_entry}). A write appends its line inside its own
 * transaction, so the line exists exactly when the write does; a refusal appends one in a transaction of its own.
 * There is no update or delete here, Hibernate has no entity for the table, and the table's triggers refuse both
 * (migration "audit trail" of each service).
 */
@ApplicationScoped
public class AuditTrail {
    private static final Logger LOG = Logger.getLogger(AuditTrail.class);
    /** Column widths of audit_entry; longer values are cut, never refused (the write itself was valid). */
    static final int MAX_FROM = 255;
    private static final int MAX_TEXT = 255;
    private static final int MAX_PATH = 512;
    private static final int MAX_DETAIL = 1000;
    private static final String API_PREFIX = "/api/v1/";
    /**
     * The time is the database's, to the microsecond ({@code CURRENT_TIMESTAMP(6)} into a TIMESTAMP(6) column,
     * stored as UTC whatever the session's zone): mysql-connector-j takes MariaDB ("5.5.5-10.11…") for a server
     * older than MySQL 5.6.4 and cuts every timestamp it binds to the whole second.
     */
    private static final String INSERT = "INSERT INTO audit_entry (at, subject, username, roles, caller_node, action,"
            + " outcome, resource, scope_node, method, path, detail, from_addr)"
            + " VALUES (CURRENT_TIMESTAMP(6),?,?,?,?,?,?,?,?,?,?,?,?)";
    private static final String SELECT = "SELECT id, at, subject, username, roles, caller_node, action, outcome,"
            + " resource, scope_node, method, path, detail, from_addr FROM audit_entry";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    CurrentVertxRequest request;

    /**
     * Appends that {@code caller} did {@code action} to {@code resource}, in the caller's transaction (a write path
     * calls this inside the transaction of its write; an action without one, such as starting a rebuild, gets its own).
     *
     * @param scopeNode the org node the resource belongs to (who may read this line); null for service-wide
     * @param detail before → after, or a {@link #digest} of what was stored
     */
    @Transactional
    public void record(Caller caller, String action, String resource, String scopeNode, String detail) {
        insert(caller, action, "done", resource, scopeNode, detail);
    }

    /** Appends a refused write (403) in a transaction of its own: the refusal stands whatever follows. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void refused(Caller caller, Permission permission, String scopeNode, String reason) {
        String path = decoded(currentPath());
        String resource = path != null && path.startsWith(API_PREFIX) ? path.substring(API_PREFIX.length()) : path;
        try {
            insert(caller, permission.name(), "refused", resource == null ? "-" : resource, scopeNode, reason);
        } catch (RuntimeException e) {
            // The refusal itself stands (403) even when it cannot be written down.
            LOG.warnf("could not record a refused %s by %s: %s", permission, caller.subject(), e);
        }
    }

    /** Lines whose resource is {@code resource} or lies under it, oldest first, after the line {@code after}. */
    public List<AuditEntry> find(String resource, long after, int limit) {
        String sql = SELECT + " WHERE (resource = ? OR resource LIKE ? ESCAPE '!') AND id > ? ORDER BY id LIMIT ?";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, resource);
            ps.setString(2, resource.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "/%");
            ps.setLong(3, after);
            ps.setInt(4, limit);
            List<AuditEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditEntry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                            rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12), rs.getString(13),
                            rs.getString(14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the audit trail", e);
        }
    }

    /** A short digest of what was stored ({@code sha256:…}, 16 bytes): enough to tell two bodies apart later. */
    public static String digest(String content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(Caller caller, String action, String outcome, String resource, String scopeNode,
            String detail) {
        RoutingContext rc = request.getCurrent();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setString(1, cut(caller.subject(), MAX_TEXT));
            ps.setString(2, cut(caller.username(), MAX_TEXT));
            ps.setString(3, cut(caller.roleClaims(), 100));
            ps.setString(4, cut(caller.orgNode(), 64));
            ps.setString(5, cut(action, 64));
            ps.setString(6, outcome);
            ps.setString(7, cut(resource, MAX_TEXT));
            ps.setString(8, cut(scopeNode, 64));
            ps.setString(9, rc == null ? null : rc.request().method().name());
            ps.setString(10, cut(currentPath(), MAX_PATH));
            ps.setString(11, cut(detail, MAX_DETAIL));
            ps.setString(12, cut(caller.from(), MAX_FROM));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not append to the audit trail", e);
        }
    }

    private String currentPath() {
        RoutingContext rc = request.getCurrent();
        return rc == null ? null : rc.request().path();
    }

    /**
     * The path as the operation read it, percent-decoding undone: a refusal of {@code units/HH%2DRSJ%2DYLGS/…} is a
     * line of the resource {@code units/HH-RSJ-YLGS/…}, found by the audit query of that resource like the lines of
     * its writes (the column {@code path} keeps the path as sent). A path that does not decode stays as sent.
     */
    static String decoded(String rawPath) {
        if (rawPath == null || rawPath.indexOf('%') < 0) {
            return rawPath;
        }
        try {
            // A '+' in a path is a plus, not a space (that is a query's convention only).
            return URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return rawPath;
        }
    }

    private static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        // Never half a surrogate pair: the column counts characters, and a lone surrogate is not one.
        return s.substring(0, Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max);
    }
}
