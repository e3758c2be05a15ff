package dev.spool.postgres;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * COPY into temporary staging tables, then {@code INSERT ... SELECT ... ON CONFLICT DO NOTHING} into the
 * partitioned tables in staging order (so {@code seq} follows the write order). The staging tables empty
 * themselves at commit ({@code ON COMMIT DELETE ROWS}) and a rollback takes their rows away, so each
 * transaction calls {@link #insert} once, for the whole batch.
 */
final class CopyIngest implements Ingest {

    private static final String STAGE_COLUMNS = "ts bigint, event_id text, level smallint, logger text,"
            + " thread text, thread_id bigint, message text, exception text, fields jsonb, context jsonb,"
            + " correlation_id text, service text, host text, pid bigint";
    private static final String METRIC_STAGE_COLUMNS = "ts bigint, event_id text, name text,"
            + " value double precision, unit text, tags jsonb, service text, host text, pid bigint";

    private final StringBuilder logText = new StringBuilder(1 << 16);
    private final StringBuilder metricText = new StringBuilder(1 << 12);
    private CopyManager copy;
    private Statement statement;

    @Override
    public void open(Connection c) throws SQLException {
        copy = c.unwrap(PGConnection.class).getCopyAPI();
        statement = c.createStatement();
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS logs_stage (ord integer, " + STAGE_COLUMNS
                + ") ON COMMIT DELETE ROWS");
        statement.execute("CREATE TEMP TABLE IF NOT EXISTS metrics_stage (ord integer, " + METRIC_STAGE_COLUMNS
                + ") ON COMMIT DELETE ROWS");
        c.commit();
    }

    @Override
    public void insert(RowBatch rows, int from, int to) throws SQLException {
        logText.setLength(0);
        metricText.setLength(0);
        for (int i = from; i < to; i++) {
            RowBatch.Row r = rows.row(i);
            if (r.metric) {
                metricLine(metricText, i, r);
            } else {
                logLine(logText, i, r);
            }
        }
        if (logText.length() > 0) {
            stage("logs_stage", logText);
            statement.executeUpdate("INSERT INTO logs (" + LOG_COLUMNS + ") SELECT " + LOG_COLUMNS
                    + " FROM logs_stage ORDER BY ord ON CONFLICT DO NOTHING");
        }
        if (metricText.length() > 0) {
            stage("metrics_stage", metricText);
            statement.executeUpdate("INSERT INTO metrics (" + METRIC_COLUMNS + ") SELECT ts, event_id, name, value,"
                    + " unit, tags, service, host, pid FROM metrics_stage ORDER BY ord ON CONFLICT DO NOTHING");
        }
    }

    private void stage(String table, StringBuilder text) throws SQLException {
        try {
            copy.copyIn("COPY " + table + " FROM STDIN", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + table + " failed: " + e.getMessage(), "08006", e);
        }
    }

    private static void logLine(StringBuilder out, int ord, RowBatch.Row r) {
        out.append(ord).append('\t').append(r.timestampMicros).append('\t').append(r.eventId).append('\t')
                .append(r.level).append('\t');
        field(out, r.logger).append('\t');
        field(out, r.thread).append('\t').append(r.threadId).append('\t');
        field(out, r.message).append('\t');
        field(out, r.exception).append('\t');
        field(out, r.fields).append('\t');
        field(out, r.context).append('\t');
        field(out, r.correlationId).append('\t');
        field(out, r.service).append('\t');
        field(out, r.host).append('\t').append(r.pid).append('\n');
    }

    private static void metricLine(StringBuilder out, int ord, RowBatch.Row r) {
        out.append(ord).append('\t').append(r.timestampMicros).append('\t').append(r.eventId).append('\t');
        field(out, r.name).append('\t');
        out.append(Double.isFinite(r.value) ? Double.toString(r.value) : r.value > 0 ? "Infinity"
                : r.value < 0 ? "-Infinity" : "NaN").append('\t');
        field(out, r.unit).append('\t');
        field(out, r.fields).append('\t');
        field(out, r.service).append('\t');
        field(out, r.host).append('\t').append(r.pid).append('\n');
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
    }
}
