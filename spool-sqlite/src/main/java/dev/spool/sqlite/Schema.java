package dev.spool.sqlite;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

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
        // 3: the secondary indexes of logs become optional (OPTIONAL_INDEXES): each costs 15-18% of the
        // insert rate (docs/sqlite.md "Indexes"); a writer makes the ones its indexes option names.
        new String[] {"DROP INDEX IF EXISTS logs_level_ts", "DROP INDEX IF EXISTS logs_logger_ts",
            "DROP INDEX IF EXISTS logs_thread_ts", "DROP INDEX IF EXISTS logs_correlation"});

    /** The optional indexes of {@code logs} by the names the {@code indexes} option uses. */
    static final Map<String, String> OPTIONAL_INDEXES;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("level", "logs_level_ts ON logs (level, ts)");
        m.put("logger", "logs_logger_ts ON logs (logger, ts)");
        m.put("thread", "logs_thread_ts ON logs (thread, ts)");
        m.put("correlation", "logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL");
        OPTIONAL_INDEXES = Collections.unmodifiableMap(m);
    }

    /**
     * The optional indexes a writer makes when its options do not say: level, and correlation, a partial
     * index that costs nothing for events without a correlation id and turns the lookup of one request's
     * events from a scan of the file (2.8 s on 10 million rows) into an index probe.
     */
    static final Set<String> DEFAULT_INDEXES = Set.of("level", "correlation");

    /** The optional full-text index over messages, kept in step with {@code logs} by triggers. */
    private static final String[] FULL_TEXT = {
        "CREATE VIRTUAL TABLE logs_fts USING fts5 (message, content='logs', content_rowid='id', tokenize='trigram')",
        "INSERT INTO logs_fts (logs_fts) VALUES ('rebuild')",
        "CREATE TRIGGER logs_fts_insert AFTER INSERT ON logs BEGIN"
                + " INSERT INTO logs_fts (rowid, message) VALUES (new.id, new.message); END",
        "CREATE TRIGGER logs_fts_delete AFTER DELETE ON logs BEGIN"
                + " INSERT INTO logs_fts (logs_fts, rowid, message) VALUES ('delete', old.id, old.message); END"};

    static final int VERSION = MIGRATIONS.size();

    /** Field keys that may have an index: their name is part of the index's name and expression. */
    static final String INDEXABLE_KEY_RULE = "1 to 64 ASCII letters, digits or underscores";
    private static final Pattern INDEXABLE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String FIELD_INDEX_PREFIX = "logs_field_";

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

    static boolean isIndexableKey(String key) {
        return key != null && INDEXABLE_KEY.matcher(key).matches();
    }

    /**
     * The text form of field {@code key} as the field index holds it: the value's text for strings, numbers
     * and null, but 1 and 0 for true and false (JSON booleans are integers to SQLite); a query looks up
     * {@link #indexedText} of its value and then checks the exact text form on the rows it finds.
     * The key is embedded, not bound (SQLite matches an index to a query by its expression), which is why
     * only keys of {@link #INDEXABLE_KEY_RULE} are accepted.
     */
    static String fieldExpression(String key) {
        if (!isIndexableKey(key)) {
            throw new IllegalArgumentException("not an indexable field key: " + key);
        }
        return "CAST(json_extract(fields, '$.\"" + key + "\"') AS TEXT)";
    }

    /** What the field index holds for a value whose text form is {@code text}. */
    static String indexedText(String text) {
        return switch (text) {
            case "true" -> "1";
            case "false" -> "0";
            default -> text;
        };
    }

    /**
     * Creates the index of field {@code key} unless the file has it: {@code (fieldExpression, ts)}, so a
     * field equality query walks one value's rows newest first and stops at its limit. SQLite fills it
     * from the existing rows (a while on a large file, once) and keeps it for every later insert, whoever
     * writes. An index is never dropped here: a key removed from the configuration keeps its index.
     */
    static void indexFields(Connection c, List<String> keys) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String key : keys) {
                if (fieldIndexes(s).contains(key)) {
                    continue;
                }
                s.execute("CREATE INDEX IF NOT EXISTS " + FIELD_INDEX_PREFIX + key + " ON logs ("
                        + fieldExpression(key) + ", ts)");
            }
        }
    }

    /**
     * Creates the named optional indexes the file does not have. SQLite fills a new index from the
     * existing rows (a while on a large file, once). None is ever dropped here, so a file has the union of
     * what its writers asked for.
     */
    static void ensureIndexes(Connection c, Set<String> names) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE INDEX IF NOT EXISTS " + OPTIONAL_INDEXES.get(name));
            }
        }
    }

    /** The field keys the file has an index for. */
    static Set<String> fieldIndexes(Statement s) throws SQLException {
        Set<String> keys = new HashSet<>();
        try (ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'index'"
                + " AND substr(name, 1, " + FIELD_INDEX_PREFIX.length() + ") = '" + FIELD_INDEX_PREFIX + "'")) {
            while (r.next()) {
                keys.add(r.getString(1).substring(FIELD_INDEX_PREFIX.length()));
            }
        }
        return keys;
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

    /** The name in the file of the optional index {@code name} ({@link #OPTIONAL_INDEXES}). */
    static String indexName(String name) {
        String definition = OPTIONAL_INDEXES.get(name);
        return definition.substring(0, definition.indexOf(' '));
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
