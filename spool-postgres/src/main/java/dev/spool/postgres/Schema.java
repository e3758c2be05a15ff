package dev.spool.postgres;

import dev.spool.store.jdbc.LedgerTable;

import dev.spool.store.jdbc.StorableText;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema. {@code schema_version} holds one row per migration applied; migrations run under
 * a transaction-scoped advisory lock, so two processes opening a new database do not both apply them.
 *
 * <p>Both tables are partitioned by day on {@code ts} (µs since the epoch); partitions are made by
 * {@link Partitions}. The primary key {@code (ts, event_id)} is what PostgreSQL allows on a partitioned
 * table (the key must contain the partition key) and is what makes writes idempotent: an event and its
 * replays carry the same id and the same timestamp, so a replay conflicts and is skipped.
 */
final class Schema {

    /**
     * Longest logger, thread, correlation id, service, host, metric name or unit kept. These are btree
     * keys, and a btree entry over about 2700 bytes fails the insert; 500 chars stay below in any UTF-8.
     */
    static final int MAX_NAME_CHARS = 500;

    /** How event text is stored: NUL (which text and jsonb cannot hold) as U+FFFD, names and text cut at their limits. */
    static StorableText storableText(int maxTextChars) {
        return StorableText.withoutNul(MAX_NAME_CHARS, maxTextChars);
    }

    /** Key of the advisory lock serialising migrations and partition changes of one database. */
    static final long LOCK_KEY = 0x5370_6f6f_6c50_4731L;

    /** Each entry is one migration; append, never edit, so existing databases upgrade in order. */
    private static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
        "CREATE EXTENSION IF NOT EXISTS pg_trgm",
        "CREATE TABLE logs (ts bigint NOT NULL, event_id text NOT NULL, seq bigserial NOT NULL,"
                + " level smallint NOT NULL, logger text NOT NULL, thread text NOT NULL, thread_id bigint NOT NULL,"
                + " message text NOT NULL, exception text, fields jsonb, context jsonb, correlation_id text,"
                + " service text NOT NULL, host text NOT NULL, pid bigint NOT NULL,"
                + " PRIMARY KEY (ts, event_id)) PARTITION BY RANGE (ts)",
        "CREATE INDEX logs_ts_seq ON logs (ts, seq)",
        "CREATE INDEX logs_level_ts ON logs (level, ts)",
        "CREATE INDEX logs_logger ON logs (logger text_pattern_ops, ts)",
        "CREATE INDEX logs_thread_ts ON logs (thread, ts)",
        "CREATE INDEX logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL",
        "CREATE INDEX logs_fields ON logs USING gin (fields jsonb_path_ops)",
        "CREATE INDEX logs_message ON logs USING gin (message gin_trgm_ops)",
        "CREATE TABLE metrics (ts bigint NOT NULL, event_id text NOT NULL, seq bigserial NOT NULL,"
                + " name text NOT NULL, value double precision NOT NULL, unit text NOT NULL, tags jsonb,"
                + " service text NOT NULL, host text NOT NULL, pid bigint NOT NULL,"
                + " PRIMARY KEY (ts, event_id)) PARTITION BY RANGE (ts)",
        "CREATE INDEX metrics_name_ts ON metrics (name, ts)",
        "CREATE INDEX metrics_ts_seq ON metrics (ts, seq)"},
        // 2: the secondary indexes of logs become optional (Indexes): a writer makes the ones it is told to
        new String[] {"DROP INDEX IF EXISTS logs_level_ts, logs_logger, logs_thread_ts, logs_correlation, logs_fields,"
                + " logs_message"},
        // 3: each session takes seq values 1000 at a time instead of one sequence access per row
        new String[] {cacheSequence("logs"), cacheSequence("metrics")},
        // 4: producers' ledgers (docs/audit.md), the latest per pipeline and destination; never shown by
        // queries of events
        new String[] {LedgerTable.CREATE},
        // 5: relays' ledgers (collector, consumer), the latest per relay run and upstream producer
        new String[] {LedgerTable.CREATE_RELAY});

    static final int VERSION = MIGRATIONS.size();

    /** SQLSTATE of the refusals above (object not in prerequisite state): not transient, retrying will not help. */
    private static final String NOT_READABLE = "55000";

    private Schema() {
    }

    private static String cacheSequence(String table) {
        return "DO $$ BEGIN EXECUTE format('ALTER SEQUENCE %s CACHE 1000', pg_get_serial_sequence('" + table
                + "', 'seq')); END $$";
    }

    /** The statements of migration {@code version} (1-based), for upgrade tests. */
    static List<String> migration(int version) {
        return List.of(MIGRATIONS.get(version - 1));
    }

    /** Brings the database to {@link #VERSION}; refuses one written by a newer Spool. Commits. */
    static void migrate(Connection c) throws SQLException {
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version integer PRIMARY KEY,"
                    + " applied_at timestamptz NOT NULL DEFAULT now())");
            int version = version(s);
            if (version > VERSION) {
                throw new SQLException("schema version " + version + " is newer than this Spool understands ("
                        + VERSION + "): use a newer Spool with this database", NOT_READABLE);
            }
            for (int v = version; v < VERSION; v++) {
                for (String sql : MIGRATIONS.get(v)) {
                    s.execute(sql);
                }
                s.execute("INSERT INTO schema_version (version) VALUES (" + (v + 1) + ")");
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    /** Refuses a database without Spool's tables, or one written by a newer Spool. */
    static void requireCurrent(Connection c, String url) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT to_regclass('schema_version') IS NOT NULL")) {
            r.next();
            int version = r.getBoolean(1) ? version(s) : 0;
            if (version == 0) {
                throw new SQLException(url + " holds no Spool logs (no schema_version): write to it with a postgres"
                        + " destination first", NOT_READABLE);
            }
            if (version > VERSION) {
                throw new SQLException(url + " has schema version " + version + ", newer than this Spool reads ("
                        + VERSION + ")", NOT_READABLE);
            }
        }
    }

    private static int version(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM schema_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
