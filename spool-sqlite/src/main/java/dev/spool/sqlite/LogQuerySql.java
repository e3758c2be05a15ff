package dev.spool.sqlite;

import dev.spool.store.LogQuery;
import dev.spool.store.Order;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The WHERE clause of a {@link LogQuery}, with its parameters. The SQL text is built only from fixed
 * fragments; every value the query carries is a bound parameter.
 */
final class LogQuerySql {

    /** Text shorter than a trigram cannot use the trigram index and is matched with LIKE. */
    private static final int MIN_FULL_TEXT_CHARS = 3;

    /** The logger itself, or a name in [prefix + ".", prefix + "/"): its dotted descendants ('/' follows '.'). */
    static final String LOGGER_PREFIX = " AND (logger = ? OR (logger >= ? AND logger < ?))";

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> parameters = new ArrayList<>();

    /**
     * @param fullText whether the database has the {@code logs_fts} trigram index
     * @param withCursor whether to apply the query's cursor (pages) or not (stats)
     */
    LogQuerySql(LogQuery q, boolean fullText, boolean withCursor) {
        this(q, fullText, withCursor, false, Set.of());
    }

    /**
     * @param loggerByTime match the logger prefix without its index ({@code +logger}), so that SQLite walks
     *                     the time index in the query's order and stops at the limit: the fast plan when
     *                     the prefix matches many rows (the index plan would sort all of them)
     * @param fieldIndexes the field keys the database has an index for ({@link Schema#indexFields})
     */
    LogQuerySql(LogQuery q, boolean fullText, boolean withCursor, boolean loggerByTime, Set<String> fieldIndexes) {
        if (q.level() != null) {
            add(q.levelAtLeast() ? " AND level >= ?" : " AND level = ?", q.level().ordinal());
        }
        if (q.sinceMicros() != Long.MIN_VALUE) {
            add(" AND ts >= ?", q.sinceMicros());
        }
        if (q.untilMicros() != Long.MAX_VALUE) {
            add(" AND ts < ?", q.untilMicros());
        }
        if (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty()) {
            add(loggerByTime ? " AND (+logger = ? OR (+logger >= ? AND +logger < ?))" : LOGGER_PREFIX,
                    q.loggerPrefix(), q.loggerPrefix() + ".", q.loggerPrefix() + "/");
        }
        if (q.thread() != null) {
            add(" AND thread = ?", q.thread());
        }
        if (q.correlationId() != null) {
            add(" AND correlation_id = ?", q.correlationId());
        }
        boolean oneIndexed = false;
        for (Map.Entry<String, String> field : q.fields().entrySet()) {
            if (!oneIndexed && fieldIndexes.contains(field.getKey())) {
                // finds the candidates through the index; the exact text form is checked below
                add(" AND " + Schema.fieldExpression(field.getKey()) + " = ?", Schema.indexedText(field.getValue()));
                oneIndexed = true;
            }
            add(fieldEquals("logs.fields"), field.getKey(), field.getValue());
        }
        if (q.text() != null) {
            text(q.text(), fullText);
        }
        if (withCursor && q.cursor() != null) {
            long[] at = parseCursor(q.cursor());
            add(q.order() == Order.NEWEST_FIRST ? " AND (ts, id) < (?, ?)" : " AND (ts, id) > (?, ?)", at[0], at[1]);
        }
    }

    /** A clause matching rows whose JSON object in {@code column} has a member (key, text form) equal to two parameters. */
    static String fieldEquals(String column) {
        return " AND EXISTS (SELECT 1 FROM json_each(" + column + ") AS f WHERE f.key = ? AND (CASE f.type"
                + " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(f.value AS TEXT) END) = ?)";
    }

    private void text(String text, boolean fullText) {
        if (fullText && text.length() >= MIN_FULL_TEXT_CHARS) {
            add(" AND id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?)", '"' + text.replace("\"", "\"\"") + '"');
        } else {
            String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
            add(" AND message LIKE ? ESCAPE '\\'", "%" + escaped + "%");
        }
    }

    private void add(String clause, Object... values) {
        where.append(clause);
        parameters.addAll(List.of(values));
    }

    String where() {
        return where.toString();
    }

    /** Binds the parameters from index 1; returns the next free index. */
    int bind(PreparedStatement s) throws SQLException {
        return bind(s, 1);
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : parameters) {
            s.setObject(i++, p);
        }
        return i;
    }

    static String cursor(long timestampMicros, long id) {
        return timestampMicros + ":" + id;
    }

    static long[] parseCursor(String cursor) {
        int colon = cursor.indexOf(':');
        try {
            return new long[] {Long.parseLong(cursor.substring(0, colon)), Long.parseLong(cursor.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "': pass a nextCursor returned by a query");
        }
    }
}
