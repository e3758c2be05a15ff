package dev.spool.postgres;

import dev.spool.store.jdbc.RowBatch;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

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
 * themselves at commit ({@code ON COMMIT DELETE ROWS}). The rows travel in the {@link CopyFormat} given.
 */
final class CopyIngest implements Ingest {

    private static final String STAGE_COLUMNS = "ts bigint, event_id text, level smallint, logger text,"
            + " thread text, thread_id bigint, message text, exception text, fields jsonb, context jsonb,"
            + " correlation_id text, service text, host text, pid bigint";
    private static final String METRIC_STAGE_COLUMNS = "ts bigint, event_id text, name text,"
            + " value double precision, unit text, tags jsonb, service text, host text, pid bigint";
    private static final String UNIQUE_VIOLATION = "23505";

    private final boolean direct;
    private final CopyFormat format;
    private Connection connection;
    private CopyManager copy;
    private Statement statement;

    CopyIngest(boolean direct, CopyFormat format) {
        this.direct = direct;
        this.format = format;
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
        boolean logs = false;
        boolean metrics = false;
        for (int i = from; i < to && !(logs && metrics); i++) {
            if (rows.row(i).isMetric()) {
                metrics = true;
            } else {
                logs = true;
            }
        }
        int inserted = 0;
        if (logs) {
            inserted += insert("logs", RowBatch.LOG_COLUMNS, rows, from, to, false);
        }
        if (metrics) {
            inserted += insert("metrics", RowBatch.METRIC_COLUMNS, rows, from, to, true);
        }
        return inserted;
    }

    private int insert(String table, String columns, RowBatch rows, int from, int to, boolean metrics)
            throws SQLException {
        if (direct) {
            Savepoint before = connection.setSavepoint();
            try {
                int copied = (int) format.copy(copy, table + " (" + columns + ")", rows, from, to, metrics);
                connection.releaseSavepoint(before);
                return copied;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                connection.rollback(before); // some rows are stored already: skip them the idempotent way
            }
        }
        format.copy(copy, table + "_stage (" + columns + ")", rows, from, to, metrics);
        return statement.executeUpdate("INSERT INTO " + table + " (" + columns + ") SELECT " + columns + " FROM "
                + table + "_stage ORDER BY ord ON CONFLICT DO NOTHING");
    }

    @Override
    public void close() {
        Database.closeQuietly(statement);
        statement = null;
        copy = null;
        connection = null;
    }
}
