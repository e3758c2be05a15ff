package dev.spool.sqlite;

import dev.spool.store.jdbc.StoreOptions;

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
 * The optional indexes of {@code logs}, each serving one query criterion and each costing insert rate
 * (docs/sqlite.md "Indexes"), and the indexes of single fields ({@code indexedFields}). A writer creates
 * the ones its options name when it opens and never drops any, so a file has the union of what its
 * writers asked for; SQLite fills a new index from the existing rows (a while on a large file, once).
 */
final class Indexes {

    /** Each optional index by the name the {@code indexes} option uses, with what makes it. */
    static final Map<String, String> OPTIONAL;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("level", "logs_level_ts ON logs (level, ts)");
        m.put("logger", "logs_logger_ts ON logs (logger, ts)");
        m.put("thread", "logs_thread_ts ON logs (thread, ts)");
        m.put("correlation", "logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL");
        OPTIONAL = Collections.unmodifiableMap(m);
    }

    /**
     * The optional indexes a writer makes when its options do not say: level, and correlation, a partial
     * index that costs nothing for events without a correlation id and turns the lookup of one request's
     * events from a scan of the file (2.8 s on 10 million rows) into an index probe.
     */
    static final Set<String> DEFAULT = Set.of("level", "correlation");

    /** Field keys that may have an index: their name is part of the index's name and expression. */
    static final String INDEXABLE_KEY_RULE = "1 to 64 ASCII letters, digits or underscores";
    private static final Pattern INDEXABLE_KEY = Pattern.compile("[A-Za-z0-9_]{1,64}");
    private static final String FIELD_INDEX_PREFIX = "logs_field_";

    private Indexes() {
    }

    /**
     * The set {@code spec} names ({@link StoreOptions#indexes}); null means {@link #DEFAULT}.
     *
     * @throws IllegalArgumentException naming the unknown entry and what is accepted
     */
    static Set<String> parse(String spec) {
        return StoreOptions.indexes(spec, OPTIONAL.keySet(), DEFAULT);
    }

    /** The index's name in the file. */
    static String indexName(String name) {
        String definition = OPTIONAL.get(name);
        return definition.substring(0, definition.indexOf(' '));
    }

    /** Creates the named optional indexes the file does not have. */
    static void ensure(Connection c, Set<String> names) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("CREATE INDEX IF NOT EXISTS " + OPTIONAL.get(name));
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
     * field equality query walks one value's rows newest first and stops at its limit. SQLite keeps it for
     * every later insert, whoever writes. An index is never dropped here: a key removed from the
     * configuration keeps its index.
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
}
