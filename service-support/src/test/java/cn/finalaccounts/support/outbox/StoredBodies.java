package cn.finalaccounts.support.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** The test application's referred bodies: rows of test_body, as accounts-service reads its report versions. */
@ApplicationScoped
public class StoredBodies implements OutboxBodies {
    @Override
    public String body(Connection c, String reference) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT body FROM test_body WHERE ref = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }
}
