package cn.finalaccounts.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks a service's database connections as an outage would: every connection of the service's user to the
 * service's test database is killed from a connection of the same user (a user may kill its own threads).
 */
public final class DatabaseFaults {
    private final String url;
    private final String user;
    private final String password;
    private final String database;

    /** @param url a JDBC URL of the server, @param database the schema whose connections are killed */
    public DatabaseFaults(String url, String user, String password, String database) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    /** Kills every other connection of the user to the database; returns how many went. */
    public int killConnections() {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM information_schema.processlist"
                    + " WHERE user = ? AND db = ? AND id <> CONNECTION_ID()")) {
                ps.setString(1, user);
                ps.setString(2, database);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            int killed = 0;
            try (Statement s = c.createStatement()) {
                for (long id : ids) {
                    try {
                        s.execute("KILL " + id);
                        killed++;
                    } catch (SQLException gone) {
                        // it ended on its own meanwhile
                    }
                }
            }
            return killed;
        } catch (SQLException e) {
            throw new IllegalStateException("could not kill the connections of " + user, e);
        }
    }

    /** Kills the connections again and again for {@code duration}, every {@code interval}; returns the total killed. */
    public int killConnectionsFor(Duration duration, Duration interval) throws InterruptedException {
        Instant end = Instant.now().plus(duration);
        int killed = 0;
        while (Instant.now().isBefore(end)) {
            killed += killConnections();
            Thread.sleep(interval.toMillis());
        }
        return killed;
    }
}
