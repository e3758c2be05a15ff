package dev.spool.sqlite;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The prepared statements one writing connection inserts rows with: for each table one that inserts
 * {@link #ROWS_PER_STATEMENT} rows at once and one for a single row (the rest of a batch, and rows inserted
 * one by one). Every value is a bound parameter; a replayed event id is skipped by
 * {@code ON CONFLICT (event_id) DO NOTHING}, which unlike {@code INSERT OR IGNORE} still fails a row that
 * breaks NOT NULL (a NaN metric value becomes NULL) instead of skipping it without a word.
 */
final class InsertStatements implements AutoCloseable {

    /**
     * Rows per multi-row INSERT. Measured with {@code SqliteSchemaBench} (rows per second of the inserting
     * thread's CPU time, the schema of migration 3): see docs/ARCHITECTURE.md.
     */
    static final int ROWS_PER_STATEMENT = 20;

    static final int LOG_COLUMNS = 14;
    static final int METRIC_COLUMNS = 9;

    final Statement control;
    final PreparedStatement logs;
    final PreparedStatement log;
    final PreparedStatement metrics;
    final PreparedStatement metric;

    private InsertStatements(Statement control, PreparedStatement logs, PreparedStatement log,
                             PreparedStatement metrics, PreparedStatement metric) {
        this.control = control;
        this.logs = logs;
        this.log = log;
        this.metrics = metrics;
        this.metric = metric;
    }

    static InsertStatements prepare(Connection c) throws SQLException {
        Statement control = null;
        PreparedStatement logs = null;
        PreparedStatement log = null;
        PreparedStatement metrics = null;
        try {
            control = c.createStatement();
            logs = c.prepareStatement(insertLogs(ROWS_PER_STATEMENT));
            log = c.prepareStatement(insertLogs(1));
            metrics = c.prepareStatement(insertMetrics(ROWS_PER_STATEMENT));
            return new InsertStatements(control, logs, log, metrics, c.prepareStatement(insertMetrics(1)));
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(metrics);
            Database.closeQuietly(log);
            Database.closeQuietly(logs);
            Database.closeQuietly(control);
            throw e;
        }
    }

    static String insertLogs(int rows) {
        return "INSERT INTO logs (event_id, ts, level, logger, thread, thread_id, message, exception, fields, context,"
                + " correlation_id, service, host, pid) VALUES " + tuples(rows, LOG_COLUMNS)
                + " ON CONFLICT (event_id) DO NOTHING";
    }

    static String insertMetrics(int rows) {
        return "INSERT INTO metrics (event_id, ts, name, value, unit, tags, service, host, pid) VALUES "
                + tuples(rows, METRIC_COLUMNS) + " ON CONFLICT (event_id) DO NOTHING";
    }

    private static String tuples(int rows, int columns) {
        String tuple = "(?" + ", ?".repeat(columns - 1) + ")";
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.toString();
    }

    @Override
    public void close() {
        Database.closeQuietly(metric);
        Database.closeQuietly(metrics);
        Database.closeQuietly(log);
        Database.closeQuietly(logs);
        Database.closeQuietly(control);
    }
}
