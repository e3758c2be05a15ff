package dev.spool.postgres;

import dev.spool.store.jdbc.StoreOptions;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The optional indexes of {@code logs}, each serving one query criterion and each costing ingest time
 * (measured in docs/postgres.md): a writer creates the ones its {@code indexes} option names when it
 * opens, and never drops any, so a database has the union of what its writers asked for. Without an
 * index, its criterion is answered by scanning the rows of the query's time window.
 */
final class Indexes {

    /** Each optional index by the name the option uses, with the statement that makes it. */
    static final Map<String, String> OPTIONAL;

    static {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("level", "logs_level_ts ON logs (level, ts)");
        m.put("logger", "logs_logger ON logs (logger text_pattern_ops, ts)");
        m.put("thread", "logs_thread_ts ON logs (thread, ts)");
        m.put("correlation", "logs_correlation ON logs (correlation_id) WHERE correlation_id IS NOT NULL");
        m.put("fields", "logs_fields ON logs USING gin (fields jsonb_path_ops)");
        m.put("text", "logs_message ON logs USING gin (message gin_trgm_ops)");
        // level's index over WARN (3) and above only: rows below WARN, most of a log, cost no index write;
        // serves --min-level and --level WARN, ERROR, FATAL (the planner sees the level, a bound parameter,
        // in the custom plans it makes for these queries)
        m.put("warnings", "logs_level_warn ON logs (level, ts) WHERE level >= 3");
        OPTIONAL = Collections.unmodifiableMap(m);
    }

    /**
     * What a writer makes when its options do not say: the level index over WARN and above, which rows
     * below WARN (most of a log) do not pay for; see docs/postgres.md for the measurements.
     */
    static final Set<String> DEFAULT = Set.of("warnings");

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

    /** The index's name in the database. */
    static String indexName(String name) {
        String definition = OPTIONAL.get(name);
        return definition.substring(0, definition.indexOf(' '));
    }

    /**
     * Creates the named indexes that do not exist yet, under the schema's advisory lock, and commits. An
     * index that exists is not touched, so opening a writer does not wait for other writers' transactions
     * (CREATE INDEX locks the table against writes). {@code warnings} is not made where {@code level}
     * exists: the full index already serves every query the partial one would, and building the partial
     * one reads the whole table with writes locked out, which on a database made while {@code level} was
     * the default would stall every writer once for nothing.
     */
    static void ensure(Connection c, Set<String> names) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SELECT pg_advisory_xact_lock(" + Schema.LOCK_KEY + ")");
            for (String name : names) {
                if (exists(s, indexName(name))) {
                    continue;
                }
                if (name.equals("warnings") && !names.contains("level") && exists(s, indexName("level"))) {
                    continue; // covered by the full level index (see above)
                }
                s.execute("CREATE INDEX " + OPTIONAL.get(name));
            }
            c.commit();
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        }
    }

    private static boolean exists(Statement s, String index) throws SQLException {
        try (ResultSet r = s.executeQuery("SELECT to_regclass('" + index + "') IS NOT NULL")) {
            r.next();
            return r.getBoolean(1);
        }
    }
}
