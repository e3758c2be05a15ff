package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Multi-row {@code INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING}, up to {@link #ROWS_PER_STATEMENT}
 * rows per statement (PostgreSQL allows 65535 parameters per statement; a log row takes 14).
 */
final class InsertIngest implements Ingest {

    static final int ROWS_PER_STATEMENT = 1000;
    private static final String LOG_VALUES = "(?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?)";
    private static final String METRIC_VALUES = "(?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?)";

    private Connection connection;
    private PreparedStatement fullLogs;
    private PreparedStatement fullMetrics;

    @Override
    public void open(Connection c) throws SQLException {
        connection = c;
        fullLogs = c.prepareStatement(sql("logs", RowBatch.LOG_COLUMNS, LOG_VALUES, ROWS_PER_STATEMENT));
        fullMetrics = c.prepareStatement(sql("metrics", RowBatch.METRIC_COLUMNS, METRIC_VALUES, ROWS_PER_STATEMENT));
    }

    private static String sql(String table, String columns, String values, int rowCount) {
        StringBuilder s = new StringBuilder("INSERT INTO ").append(table).append(" (").append(columns).append(") VALUES ");
        for (int i = 0; i < rowCount; i++) {
            s.append(i == 0 ? "" : ", ").append(values);
        }
        return s.append(" ON CONFLICT DO NOTHING").toString();
    }

    @Override
    public int insert(RowBatch rows, int from, int to) throws SQLException {
        return insertKind(rows, from, to, false) + insertKind(rows, from, to, true);
    }

    private int insertKind(RowBatch rows, int from, int to, boolean metric) throws SQLException {
        PreparedStatement full = metric ? fullMetrics : fullLogs;
        int inserted = 0;
        int bound = 0;
        int parameter = 1;
        for (int i = from; i < to; i++) {
            RowBatch.Row r = rows.row(i);
            if (r.isMetric() != metric) {
                continue;
            }
            parameter = metric ? r.bindMetric(full, parameter) : r.bindLog(full, parameter);
            if (++bound == ROWS_PER_STATEMENT) {
                inserted += full.executeUpdate();
                bound = 0;
                parameter = 1;
            }
        }
        if (bound > 0) {
            inserted += insertRemainder(rows, from, to, metric, bound);
        }
        return inserted;
    }

    /** The last, shorter statement: bound again into a statement of its exact size. */
    private int insertRemainder(RowBatch rows, int from, int to, boolean metric, int count) throws SQLException {
        String sql = metric ? sql("metrics", RowBatch.METRIC_COLUMNS, METRIC_VALUES, count) : sql("logs", RowBatch.LOG_COLUMNS, LOG_VALUES, count);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            int parameter = 1;
            int seen = 0;
            int skip = countOf(rows, from, to, metric) - count;
            for (int i = from; i < to; i++) {
                RowBatch.Row r = rows.row(i);
                if (r.isMetric() == metric && seen++ >= skip) {
                    parameter = metric ? r.bindMetric(s, parameter) : r.bindLog(s, parameter);
                }
            }
            return s.executeUpdate();
        }
    }

    private static int countOf(RowBatch rows, int from, int to, boolean metric) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += rows.row(i).isMetric() == metric ? 1 : 0;
        }
        return n;
    }

    @Override
    public void close() {
        Database.closeQuietly(fullLogs);
        Database.closeQuietly(fullMetrics);
        fullLogs = fullMetrics = null;
        connection = null;
    }
}
