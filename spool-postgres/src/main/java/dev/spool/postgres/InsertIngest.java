package dev.spool.postgres;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;

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
        fullLogs = c.prepareStatement(sql("logs", LOG_COLUMNS, LOG_VALUES, ROWS_PER_STATEMENT));
        fullMetrics = c.prepareStatement(sql("metrics", METRIC_COLUMNS, METRIC_VALUES, ROWS_PER_STATEMENT));
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
            if (r.metric != metric) {
                continue;
            }
            parameter = metric ? bindMetric(full, parameter, r) : bindLog(full, parameter, r);
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
        String sql = metric ? sql("metrics", METRIC_COLUMNS, METRIC_VALUES, count) : sql("logs", LOG_COLUMNS, LOG_VALUES, count);
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            int parameter = 1;
            int seen = 0;
            int skip = countOf(rows, from, to, metric) - count;
            for (int i = from; i < to; i++) {
                RowBatch.Row r = rows.row(i);
                if (r.metric == metric && seen++ >= skip) {
                    parameter = metric ? bindMetric(s, parameter, r) : bindLog(s, parameter, r);
                }
            }
            return s.executeUpdate();
        }
    }

    private static int countOf(RowBatch rows, int from, int to, boolean metric) {
        int n = 0;
        for (int i = from; i < to; i++) {
            n += rows.row(i).metric == metric ? 1 : 0;
        }
        return n;
    }

    private static int bindLog(PreparedStatement s, int first, RowBatch.Row r) throws SQLException {
        int i = first;
        s.setLong(i++, r.timestampMicros);
        s.setString(i++, r.eventId);
        s.setInt(i++, r.level);
        s.setString(i++, r.logger);
        s.setString(i++, r.thread);
        s.setLong(i++, r.threadId);
        s.setString(i++, r.message);
        nullable(s, i++, r.exception);
        nullable(s, i++, r.fields);
        nullable(s, i++, r.context);
        nullable(s, i++, r.correlationId);
        s.setString(i++, r.service);
        s.setString(i++, r.host);
        s.setLong(i++, r.pid);
        return i;
    }

    private static int bindMetric(PreparedStatement s, int first, RowBatch.Row r) throws SQLException {
        int i = first;
        s.setLong(i++, r.timestampMicros);
        s.setString(i++, r.eventId);
        s.setString(i++, r.name);
        s.setDouble(i++, r.value);
        s.setString(i++, r.unit);
        nullable(s, i++, r.fields);
        s.setString(i++, r.service);
        s.setString(i++, r.host);
        s.setLong(i++, r.pid);
        return i;
    }

    private static void nullable(PreparedStatement s, int index, String value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.VARCHAR);
        } else {
            s.setString(index, value);
        }
    }

    @Override
    public void close() {
        Database.closeQuietly(fullLogs);
        Database.closeQuietly(fullMetrics);
        fullLogs = fullMetrics = null;
        connection = null;
    }
}
