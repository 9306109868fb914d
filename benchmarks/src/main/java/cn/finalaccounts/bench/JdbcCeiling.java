package cn.finalaccounts.bench;

import cn.finalaccounts.fiscal.FiscalYear;
import cn.finalaccounts.fiscal.report.CellKey;
import cn.finalaccounts.fiscal.report.CellSheet;
import cn.finalaccounts.fiscal.report.ReportBody;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The raw MariaDB ceilings of a run, on the same server the platform uses:
 * <ul>
 *   <li>how fast bare JDBC batch inserts take every cell the run stored, one row per cell (plain INSERTs into an
 *   empty table: the raw cost of getting the run's cells onto this server, whatever shape the platform keeps them
 *   in, so the platform's ingest can only approach it);</li>
 *   <li>how long one SQL GROUP BY over all those cells takes: recomputing the region's 汇总 on every read, the
 *   design the kept 汇总 exists to beat. W1 divides it by a read of the kept 汇总.</li>
 * </ul>
 *
 * <p>The table {@code fa_bench.w1_cell} is dropped and recreated at the start of each run and kept afterwards, so
 * the figures can be checked by hand; the next run replaces it. It lives in its own database, never in the
 * platform's.
 */
final class JdbcCeiling {
    /** Rows per batch, and per transaction: a commit per batch, as a chunked bulk load would. */
    private static final int BATCH = 1_000;
    private static final int GROUP_BY_RUNS = 5;

    /**
     * What was measured; durations and rates are doubles (they are not money). {@code cpuSeconds}: the inserting
     * thread's CPU plus the database server's over the insert (-1 when the server's pid is not known);
     * {@code redoBytes}: what InnoDB wrote to its redo log meanwhile ({@link #redoBytes()}).
     */
    record Result(long rows, double insertSeconds, double groupByMedianMillis, int groupByResultRows, int reports,
            double cpuSeconds, long redoBytes) {
        double rowsPerSecond() {
            return rows / insertSeconds;
        }
    }

    private final String url;
    private final String user;
    private final String password;

    /** @param serverUrl the server, no database: {@code jdbc:mysql://127.0.0.1:3306/} */
    JdbcCeiling(String serverUrl, String user, String password) {
        // Without rewriteBatchedStatements the driver sends a batch as one INSERT per row, which is no ceiling.
        this.url = serverUrl + (serverUrl.contains("?") ? "&" : "?") + "rewriteBatchedStatements=true";
        this.user = user;
        this.password = password;
    }

    /** The server's version and InnoDB buffer pool: the figures depend on them, so the run prints them. */
    String describeServer() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); java.sql.Statement st = c.createStatement();
                java.sql.ResultSet rs = st.executeQuery("SELECT VERSION(), @@innodb_buffer_pool_size")) {
            rs.next();
            return rs.getString(1) + ", innodb_buffer_pool_size " + rs.getLong(2) / (1024 * 1024) + " MiB";
        }
    }

    /** The server's pid file ({@code @@pid_file}), for W1's CPU figures: which of the machine's servers this is. */
    java.nio.file.Path pidFile() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT @@pid_file")) {
            rs.next();
            String file = rs.getString(1);
            return file == null || file.isBlank() ? null : java.nio.file.Path.of(file);
        }
    }

    /**
     * Bytes InnoDB has written to its redo log since the server started ({@code Innodb_os_log_written}): every change
     * of a row is logged there first, so the difference over a phase is what that phase wrote, whatever the tables'
     * shape and whenever the pages themselves reach the disk.
     */
    long redoBytes() throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_os_log_written'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    /** @param dbPid the database server's pid, for the CPU it spends on the insert; null: the CPU is not measured */
    Result measure(Collection<ReportBody> reports, FiscalYear year, Long dbPid) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password)) {
            recreateTable(c);
            ProcessCpu server = dbPid == null ? null : ProcessCpu.single("database server", dbPid);
            List<ProcessCpu.Sample> serverAtStart = server == null ? null : server.sample();
            java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
            long clientAtStart = threads.getCurrentThreadCpuTime();
            long redoAtStart = redoBytes();
            long[] inserted = insert(c, reports, year);
            long redo = redoBytes() - redoAtStart;
            double cpu = server == null ? -1 : (threads.getCurrentThreadCpuTime() - clientAtStart) / 1e9
                    + server.between(serverAtStart, server.sample()).stream().mapToDouble(ProcessCpu.Usage::cpuSeconds)
                            .sum();
            List<Double> runs = new ArrayList<>();
            int resultRows = groupBy(c); // warm-up: the first scan also pulls the pages into the buffer pool
            for (int i = 0; i < GROUP_BY_RUNS; i++) {
                long t = System.nanoTime();
                groupBy(c);
                runs.add((System.nanoTime() - t) / 1e6);
            }
            Collections.sort(runs);
            return new Result(inserted[0], inserted[1] / 1e9, runs.get(runs.size() / 2), resultRows, reports.size(), cpu,
                    redo);
        }
    }

    /**
     * Column types as the 汇总 cells' in summary_cell (aggregation-service V1__rollup.sql): VARCHAR(64) codes and
     * row ids, DECIMAL(24, 6) for amounts in 万元 (a report in 元 divides down without rounding), binary collation.
     * A row here weighs what one cell row of the platform's did, whatever shape later migrations give the 汇总.
     */
    private static void recreateTable(Connection c) throws Exception {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS fa_bench");
            s.execute("DROP TABLE IF EXISTS fa_bench.w1_cell");
            s.execute("""
                    CREATE TABLE fa_bench.w1_cell (
                        unit_code VARCHAR(64)    NOT NULL,
                        table_id  VARCHAR(8)     NOT NULL,
                        row_id    VARCHAR(64)    NOT NULL,
                        col_id    VARCHAR(8)     NOT NULL,
                        amount    DECIMAL(24, 6) NOT NULL,
                        PRIMARY KEY (unit_code, table_id, row_id, col_id)
                    ) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin""");
        }
    }

    /**
     * Inserts the stored cells of every report; returns {rows, nanoseconds spent in JDBC}. Deriving a report's
     * subtotals happens between the timed stretches: it is the platform's work, not the database's, and keeping
     * every derived row in memory first would double the run's heap.
     */
    private static long[] insert(Connection c, Collection<ReportBody> reports, FiscalYear year) throws Exception {
        c.setAutoCommit(false);
        long rows = 0;
        long nanos = 0;
        int pending = 0;
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO fa_bench.w1_cell (unit_code, table_id, row_id, col_id, amount) VALUES (?, ?, ?, ?, ?)")) {
            for (ReportBody report : reports) {
                CellSheet cells = SentReports.storedCells(report, year);
                long t = System.nanoTime();
                for (Map.Entry<CellKey, BigDecimal> cell : cells.cells().entrySet()) {
                    ps.setString(1, report.unit());
                    ps.setString(2, cell.getKey().table());
                    ps.setString(3, cell.getKey().row());
                    ps.setString(4, cell.getKey().col());
                    ps.setBigDecimal(5, cell.getValue());
                    ps.addBatch();
                    rows++;
                    if (++pending == BATCH) {
                        ps.executeBatch();
                        c.commit();
                        pending = 0;
                    }
                }
                nanos += System.nanoTime() - t;
            }
            long t = System.nanoTime();
            if (pending > 0) {
                ps.executeBatch();
                c.commit();
            }
            nanos += System.nanoTime() - t;
        } finally {
            c.setAutoCommit(true);
        }
        return new long[] {rows, nanos};
    }

    /** The region's 汇总 recomputed from every cell; every result row is read, as a read of the 汇总 would be. */
    private static int groupBy(Connection c) throws Exception {
        int n = 0;
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT table_id, row_id, col_id, SUM(amount) FROM fa_bench.w1_cell"
                     + " GROUP BY table_id, row_id, col_id")) {
            while (rs.next()) {
                rs.getString(1);
                rs.getString(2);
                rs.getString(3);
                rs.getBigDecimal(4);
                n++;
            }
        }
        return n;
    }
}
