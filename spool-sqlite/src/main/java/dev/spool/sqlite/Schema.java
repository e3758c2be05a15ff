package dev.spool.sqlite;

import dev.spool.store.jdbc.LedgerTable;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The versioned schema: {@code PRAGMA user_version} holds the number of migrations applied; each
 * migration runs once, in a write transaction, so two processes opening a new file do not both apply it.
 */
final class Schema {

    /** Each entry is one migration; append, never edit, so existing files upgrade in order. */
    private static final List<String[]> MIGRATIONS = List.<String[]>of(new String[] {
        "CREATE TABLE logs (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL,"
                + " level INTEGER NOT NULL, logger TEXT NOT NULL, thread TEXT NOT NULL, thread_id INTEGER NOT NULL,"
                + " message TEXT NOT NULL, exception TEXT, fields TEXT, context TEXT, correlation_id TEXT,"
                + " service TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL)",
        "CREATE INDEX logs_ts ON logs (ts)",
        "CREATE INDEX logs_level_ts ON logs (level, ts)",
        "CREATE INDEX logs_logger_ts ON logs (logger, ts)",
        "CREATE INDEX logs_thread_ts ON logs (thread, ts)",
        "CREATE INDEX logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL",
        "CREATE TABLE metrics (id INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, ts INTEGER NOT NULL,"
                + " name TEXT NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, tags TEXT,"
                + " service TEXT NOT NULL, host TEXT NOT NULL, pid INTEGER NOT NULL)",
        "CREATE INDEX metrics_name_ts ON metrics (name, ts)",
        "CREATE INDEX metrics_ts ON metrics (ts)"},
        // 2: the slowest samples of a metric (the reference's "ten slowest operations") read this index
        // from the top instead of sorting every sample: 110 ms before, 0.4 ms after, 1 million samples.
        new String[] {"CREATE INDEX metrics_name_value ON metrics (name, value, ts)"},
        // 3: the secondary indexes of logs become optional (Indexes.OPTIONAL): each costs 15-18% of the
        // insert rate (docs/sqlite.md "Indexes"); a writer makes the ones its indexes option names.
        new String[] {"DROP INDEX IF EXISTS logs_level_ts", "DROP INDEX IF EXISTS logs_logger_ts",
            "DROP INDEX IF EXISTS logs_thread_ts", "DROP INDEX IF EXISTS logs_correlation"},
        // 4: producers' ledgers (docs/audit.md), the latest per pipeline and destination; never shown by
        // queries of events.
        new String[] {LedgerTable.CREATE},
        // 5: relays' ledgers (collector, consumer), the latest per relay run and upstream producer
        new String[] {LedgerTable.CREATE_RELAY});

    /** The optional full-text index over messages, kept in step with {@code logs} by triggers. */
    private static final String[] FULL_TEXT = {
        "CREATE VIRTUAL TABLE logs_fts USING fts5 (message, content='logs', content_rowid='id', tokenize='trigram')",
        "INSERT INTO logs_fts (logs_fts) VALUES ('rebuild')",
        "CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN"
                + " INSERT INTO logs_fts (rowid, message) VALUES (new.id, new.message); END",
        "CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN"
                + " INSERT INTO logs_fts (logs_fts, rowid, message) VALUES ('delete', old.id, old.message); END"};

    static final int VERSION = MIGRATIONS.size();

    private Schema() {
    }

    static void migrate(Connection c, boolean fullText) throws SQLException {
        try (Statement s = c.createStatement()) {
            if (version(s) == VERSION && (!fullText || hasFullText(s))) {
                return; // the common case: nothing to do, no write lock taken
            }
            s.execute("BEGIN IMMEDIATE");
            try {
                int version = version(s);
                if (version > VERSION) {
                    throw new SQLException("schema version " + version + " is newer than this Spool understands ("
                            + VERSION + "): use a newer Spool to write to this file");
                }
                for (int v = version; v < VERSION; v++) {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.execute(sql);
                    }
                }
                s.execute("PRAGMA user_version=" + VERSION);
                if (fullText && !hasFullText(s)) {
                    for (String sql : FULL_TEXT) {
                        s.execute(sql);
                    }
                }
                s.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                s.execute("ROLLBACK");
                throw e;
            }
        }
    }

    /** Refuses a file that is not a Spool database, or one written by a newer Spool. */
    static void requireCurrent(Connection c, Path path) throws SQLException {
        try (Statement s = c.createStatement()) {
            int version = version(s);
            if (version == 0) {
                throw new SQLException(path.toAbsolutePath() + " holds no Spool logs (schema version 0)");
            }
            if (version > VERSION) {
                throw new SQLException(path.toAbsolutePath() + " has schema version " + version
                        + ", newer than this Spool reads (" + VERSION + ")");
            }
        }
    }

    static boolean hasFullText(Statement s) throws SQLException {
        return exists(s, "logs_fts");
    }

    /** Whether the file has a table, index or trigger of that name. */
    static boolean exists(Statement s, String name) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT 1 FROM sqlite_master WHERE name = '" + name + "'")) {
            return r.next();
        }
    }

    private static int version(Statement s) throws SQLException {
        try (ResultSet r = s.executeQuery("PRAGMA user_version")) {
            return r.next() ? r.getInt(1) : 0;
        }
    }
}
