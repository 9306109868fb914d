package cn.finalaccounts.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Kills every database connection of the three services, again and again for a while: as an administrator does
 * with {@code KILL CONNECTION}, or as a failover, a proxy restart or a network blip does. Only connections whose
 * user is a service's and whose database is exactly that service's live database are touched (accounts/accounts,
 * performance/performance, aggregation/aggregation): the {@code *_test} databases on the same server belong to
 * whoever runs tests there.
 */
final class ConnectionKiller {
    private static final String SERVICE_CONNECTIONS = "SELECT ID FROM information_schema.PROCESSLIST"
            + " WHERE (USER = 'accounts' AND DB = 'accounts') OR (USER = 'performance' AND DB = 'performance')"
            + " OR (USER = 'aggregation' AND DB = 'aggregation')";

    private final String url;
    private final String user;
    private final String password;
    private volatile boolean stopped;

    ConnectionKiller(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** Stops the killing at the next round (from a shutdown hook or the end of the fault). */
    void stop() {
        stopped = true;
    }

    /** Kills for {@code seconds} (or until stopped), a round every 250 ms; returns how many connections it killed. */
    int killFor(int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        int killed = 0;
        Connection admin = null;
        try {
            while (!stopped && System.nanoTime() < deadline) {
                try {
                    if (admin == null || !admin.isValid(2)) {
                        admin = DriverManager.getConnection(url, user, password);
                    }
                    killed += round(admin);
                } catch (SQLException e) {
                    close(admin);
                    admin = null; // the server may be restarting; try again next round
                }
                Thread.sleep(250);
            }
        } finally {
            close(admin);
        }
        return killed;
    }

    private static int round(Connection admin) throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement s = admin.prepareStatement(SERVICE_CONNECTIONS); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        int killed = 0;
        try (Statement s = admin.createStatement()) {
            for (long id : ids) {
                try {
                    s.execute("KILL CONNECTION " + id); // an id from the server, a number: nothing to inject
                    killed++;
                } catch (SQLException gone) {
                    // it closed between the list and the kill
                }
            }
        }
        return killed;
    }

    private static void close(Connection c) {
        try {
            if (c != null) {
                c.close();
            }
        } catch (SQLException ignored) {
            // a killed admin connection has nothing left to close
        }
    }
}
