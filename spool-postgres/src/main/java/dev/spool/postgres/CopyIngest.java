package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;

/**
 * COPY straight into the partitioned tables, which PostgreSQL does with batched heap and index inserts;
 * when a row's {@code (ts, event_id)} is stored already (a replay, 23505), the COPY is rolled back to a
 * savepoint and the batch goes the idempotent way: COPY into a temporary staging table, then
 * {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} in staging order (so {@code seq} follows the write
 * order). Replays are rare, so the common batch pays for neither the staging copy nor the conflict checks.
 * With {@code direct} false, every batch is staged (the comparison baseline). The staging tables empty
 * themselves at commit ({@code ON COMMIT DELETE ROWS}).
 */
final class CopyIngest implements Ingest {

    private static final String STAGE_COLUMNS = "ts bigint, event_id text, level smallint, logger text,"
            + " thread text, thread_id bigint, message text, exception text, fields jsonb, context jsonb,"
            + " correlation_id text, service text, host text, pid bigint";
    private static final String METRIC_STAGE_COLUMNS = "ts bigint, event_id text, name text,"
            + " value double precision, unit text, tags jsonb, service text, host text, pid bigint";
    private static final String UNIQUE_VIOLATION = "23505";

    private final boolean direct;
    private final StringBuilder logText = new StringBuilder(1 << 16);
    private final StringBuilder metricText = new StringBuilder(1 << 12);
    private Connection connection;
    private CopyManager copy;
    private Statement statement;

    CopyIngest(boolean direct) {
        this.direct = direct;
    }

    @Override
    public void open(Connection c) throws SQLException {
        connection = c;
        copy = c.unwrap(PGConnection.class).getCopyAPI();
        statement = c.createStatement();
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS logs_stage (ord bigint GENERATED ALWAYS AS IDENTITY, "
                + STAGE_COLUMNS + ") ON COMMIT DELETE ROWS");
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS metrics_stage (ord bigint GENERATED ALWAYS AS IDENTITY, "
                + METRIC_STAGE_COLUMNS + ") ON COMMIT DELETE ROWS");
        c.commit();
    }

    @Override
    public int insert(RowBatch rows, int from, int to) throws SQLException {
        logText.setLength(0);
        metricText.setLength(0);
        for (int i = from; i < to; i++) {
            RowBatch.Row r = rows.row(i);
            if (r.isMetric()) {
                metricLine(metricText, r);
            } else {
                logLine(logText, r);
            }
        }
        int inserted = 0;
        if (logText.length() > 0) {
            inserted += insert("logs", RowBatch.LOG_COLUMNS, logText);
        }
        if (metricText.length() > 0) {
            inserted += insert("metrics", RowBatch.METRIC_COLUMNS, metricText);
        }
        return inserted;
    }

    private int insert(String table, String columns, StringBuilder text) throws SQLException {
        String data = text.toString();
        if (direct) {
            Savepoint before = connection.setSavepoint();
            try {
                int copied = copyIn(table + " (" + columns + ")", data);
                connection.releaseSavepoint(before);
                return copied;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(before); // some rows are stored already: skip them the idempotent way
            }
        }
        copyIn(table + "_stage (" + columns + ")", data);
        return statement.executeUpdate("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM "
                + table + "_stage ORDER BY ord ON CONFLICT DO NOTHING");
    }

    private int copyIn(String target, String data) throws SQLException {
        try {
            return (int) copy.copyIn("COPY " + target + " FROM STDIN", new StringReader(data));
        } catch (IOException e) {
            throw new SQLException("COPY into " + target + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private static void logLine(StringBuilder out, RowBatch.Row r) {
        out.append(r.timestampMicros()).append('\t').append(r.eventId()).append('\t')
                .append(r.level()).append('\t');
        field(out, r.logger()).append('\t');
        field(out, r.thread()).append('\t').append(r.threadId()).append('\t');
        field(out, r.message()).append('\t');
        field(out, r.exception()).append('\t');
        field(out, r.fields()).append('\t');
        field(out, r.context()).append('\t');
        field(out, r.correlationId()).append('\t');
        field(out, r.service()).append('\t');
        field(out, r.host()).append('\t').append(r.pid()).append('\n');
    }

    private static void metricLine(StringBuilder out, RowBatch.Row r) {
        double value = r.value();
        out.append(r.timestampMicros()).append('\t').append(r.eventId()).append('\t');
        field(out, r.name()).append('\t');
        out.append(Double.isFinite(value) ? Double.toString(value) : value > 0 ? "Infinity"
                : value < 0 ? "-Infinity" : "NaN").append('\t');
        field(out, r.unit()).append('\t');
        field(out, r.fields()).append('\t');
        field(out, r.service()).append('\t');
        field(out, r.host()).append('\t').append(r.pid()).append('\n');
    }

    /** One value in COPY's text format: {@code \N} for null, backslash escapes for the separators. */
    private static StringBuilder field(StringBuilder out, String s) {
        if (s == null) {
            return out.append("\\N");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\': out.append("\\\\"); break;
                case '\t': out.append("\\t"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                default: out.append(c);
            }
        }
        return out;
    }

    @Override
    public void close() {
        Database.closeQuietly(statement);
        statement = null;
        copy = null;
        connection = null;
    }
}
