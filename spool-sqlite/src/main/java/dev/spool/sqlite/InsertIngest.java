package dev.spool.sqlite;

import dev.spool.store.WriteResult;
import dev.spool.store.jdbc.RowBatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * How a batch's rows get into the tables: multi-row {@code INSERT ... VALUES (...), (...)} through the
 * statements one writing connection prepares, {@link #ROWS_PER_STATEMENT} rows to a statement (for
 * {@code logs}, the statement of the chunk's shape: {@link LogShapes}), the rest of a batch (and rows
 * inserted one by one) through a single-row statement that binds every column. Every value is a bound
 * parameter; a replayed event id is skipped by {@code ON CONFLICT (event_id) DO NOTHING}, which unlike
 * {@code INSERT OR IGNORE} still fails a row that breaks NOT NULL (a NaN metric value becomes NULL)
 * instead of skipping it without a word. The caller owns the transaction. Single-threaded.
 */
final class InsertIngest implements AutoCloseable {

    /**
     * Rows per multi-row INSERT: 64 took 0.1-0.2 µs of the writer's CPU per row less than 20 through the
     * {@code sqlite} benchmark suite (docs/decisions/sqlite-rate.md); fewer statements to reset and step.
     */
    static final int ROWS_PER_STATEMENT = 64;

    final Statement control;
    private final LogShapes logs;
    private final PreparedStatement log;
    private final PreparedStatement metrics;
    private final PreparedStatement metric;
    private int[] logIndex = new int[0];

    private InsertIngest(Statement control, LogShapes logs, PreparedStatement log,
                         PreparedStatement metrics, PreparedStatement metric) {
        this.control = control;
        this.logs = logs;
        this.log = log;
        this.metrics = metrics;
        this.metric = metric;
    }

    static InsertIngest prepare(Connection c) throws SQLException {
        Statement control = null;
        PreparedStatement log = null;
        PreparedStatement metrics = null;
        try {
            control = c.createStatement();
            log = c.prepareStatement(insertLogs(1));
            metrics = c.prepareStatement(insertMetrics(ROWS_PER_STATEMENT));
            return new InsertIngest(control, new LogShapes(c, ROWS_PER_STATEMENT), log, metrics,
                    c.prepareStatement(insertMetrics(1)));
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(metrics);
            Database.closeQuietly(log);
            Database.closeQuietly(control);
            throw e;
        }
    }

    static String insertLogs(int rows) {
        return "INSERT INTO logs (" + RowBatch.LOG_COLUMNS + ") VALUES " + tuples(rows, RowBatch.LOG_COLUMN_COUNT)
                + " ON CONFLICT (event_id) DO NOTHING";
    }

    static String insertMetrics(int rows) {
        return "INSERT INTO metrics (" + RowBatch.METRIC_COLUMNS + ") VALUES "
                + tuples(rows, RowBatch.METRIC_COLUMN_COUNT) + " ON CONFLICT (event_id) DO NOTHING";
    }

    private static String tuples(int rows, int columns) {
        String tuple = "(?" + ", ?".repeat(columns - 1) + ")";
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(tuple);
        }
        return sql.toString();
    }

    /**
     * Inserts every row of the batch. Consecutive statements of one shape run as one JDBC batch
     * (sqlite-jdbc binds each value and steps each statement from Java, one native call apiece). When
     * fewer rows were stored than given (some were replays) or SQLite refused a row for its content, the
     * batches are undone to a savepoint and the rows inserted one by one, which tells each row's outcome:
     * refused rows are left out with SQLite's reason (by their index in the batch), replays counted as
     * duplicates, the others stored.
     *
     * @throws SQLException for any other failure (lock, I/O, corrupt file): nothing is stored then
     */
    WriteResult insert(RowBatch rows) throws SQLException {
        control.execute("SAVEPOINT rows");
        boolean allStored;
        try {
            allStored = insertBatches(rows);
        } catch (SQLException e) {
            clearBatches();
            if (!Database.isContentError(e)) {
                throw e; // the caller rolls the transaction back
            }
            allStored = false;
        }
        WriteResult result;
        if (allStored) {
            result = new WriteResult(rows.size(), 0, List.of());
        } else {
            control.execute("ROLLBACK TO rows");
            result = insertOneByOne(rows);
        }
        control.execute("RELEASE rows");
        return result;
    }

    /** Returns whether every row was stored. */
    private boolean insertBatches(RowBatch rows) throws SQLException {
        int size = rows.size();
        if (logIndex.length < size) {
            logIndex = new int[size];
        }
        int logRows = 0;
        for (int i = 0; i < size; i++) {
            if (!rows.row(i).isMetric()) {
                logIndex[logRows++] = i;
            }
        }
        long stored = logRows == 0 ? 0 : insertLogs(rows, logRows);
        int metricRows = size - logRows;
        if (metricRows > 0) {
            int metricsInMulti = metricRows - metricRows % ROWS_PER_STATEMENT;
            int m = 0;
            for (int i = 0; i < size; i++) {
                RowBatch.Row r = rows.row(i);
                if (r.isMetric()) {
                    add(r, m++, metricsInMulti, metrics, metric);
                }
            }
            stored += sum(metrics, metricsInMulti) + sum(metric, metricRows - metricsInMulti);
        }
        return stored == size;
    }

    /**
     * The log rows, whole chunks through the statement of each chunk's shape and the rest one row to a
     * statement. A statement's batch is run before rows go to another statement, so that the rows' ids
     * follow their order in the batch.
     */
    private long insertLogs(RowBatch rows, int logRows) throws SQLException {
        int inMulti = logRows - logRows % ROWS_PER_STATEMENT;
        long stored = 0;
        PreparedStatement pending = null;
        int pendingRows = 0;
        for (int from = 0; from < inMulti; from += ROWS_PER_STATEMENT) {
            int shape = LogShapes.shapeOf(rows, logIndex, from, ROWS_PER_STATEMENT);
            PreparedStatement s = logs.statement(shape);
            if (s != pending) {
                stored += sum(pending, pendingRows);
                pending = s;
                pendingRows = 0;
            }
            logs.bind(s, shape, rows, logIndex, from);
            s.addBatch();
            pendingRows += ROWS_PER_STATEMENT;
        }
        stored += sum(pending, pendingRows);
        for (int l = inMulti; l < logRows; l++) {
            rows.row(logIndex[l]).bindLog(log, 1);
            log.addBatch();
        }
        return stored + sum(log, logRows - inMulti);
    }

    /** Binds the {@code nth} metric row into the multi-row statement while it fills whole ones, else the single. */
    private static void add(RowBatch.Row r, int nth, int inMulti, PreparedStatement multi, PreparedStatement single)
            throws SQLException {
        PreparedStatement s = nth < inMulti ? multi : single;
        int slot = nth < inMulti ? nth % ROWS_PER_STATEMENT : 0;
        r.bindMetric(s, slot * RowBatch.METRIC_COLUMN_COUNT + 1);
        if (slot == (nth < inMulti ? ROWS_PER_STATEMENT - 1 : 0)) {
            s.addBatch();
        }
    }

    private static long sum(PreparedStatement s, int rows) throws SQLException {
        if (s == null || rows == 0) {
            return 0;
        }
        long changes = 0;
        for (int c : s.executeBatch()) {
            changes += c;
        }
        return changes;
    }

    private void clearBatches() throws SQLException {
        logs.clearBatches();
        log.clearBatch();
        metrics.clearBatch();
        metric.clearBatch();
    }

    private WriteResult insertOneByOne(RowBatch rows) throws SQLException {
        int stored = 0;
        int duplicates = 0;
        List<WriteResult.Refused> refused = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            RowBatch.Row r = rows.row(i);
            try {
                int changes = r.isMetric() ? executeOne(metric, r) : executeOne(log, r);
                stored += changes > 0 ? 1 : 0;
                duplicates += changes > 0 ? 0 : 1;
            } catch (SQLException e) {
                if (!Database.isContentError(e)) {
                    throw e;
                }
                refused.add(new WriteResult.Refused(i, e.getMessage())); // SQLite undid this statement only
            }
        }
        return new WriteResult(stored, duplicates, refused);
    }

    private static int executeOne(PreparedStatement s, RowBatch.Row r) throws SQLException {
        if (r.isMetric()) {
            r.bindMetric(s, 1);
        } else {
            r.bindLog(s, 1);
        }
        return s.executeUpdate();
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
