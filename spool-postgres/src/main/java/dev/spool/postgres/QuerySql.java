package dev.spool.postgres;

import dev.spool.store.FlatJson;
import dev.spool.store.LogQuery;
import dev.spool.store.MetricQuery;
import dev.spool.store.Order;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a {@link LogQuery} or {@link MetricQuery}, with its parameters. The SQL text is
 * built only from fixed fragments; every value a query carries is a bound parameter.
 */
final class QuerySql {

    private final StringBuilder where = new StringBuilder(" WHERE true");
    private final List<Object> parameters = new ArrayList<>();

    private QuerySql() {
    }

    /** @param withCursor whether to apply the query's cursor (pages) or not (stats) */
    static QuerySql of(LogQuery q, boolean withCursor) {
        QuerySql sql = new QuerySql();
        if (q.level() != null) {
            sql.add(q.levelAtLeast() ? " AND level >= ?" : " AND level = ?", q.level().ordinal());
        }
        sql.window(q.sinceMicros(), q.untilMicros());
        if (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty()) {
            sql.loggerPrefix(q.loggerPrefix());
        }
        if (q.thread() != null) {
            sql.add(" AND thread = ?", q.thread());
        }
        if (q.correlationId() != null) {
            sql.add(" AND correlation_id = ?", q.correlationId());
        }
        for (Map.Entry<String, String> field : q.fields().entrySet()) {
            sql.jsonEquals("fields", field.getKey(), field.getValue());
        }
        if (q.text() != null) {
            // a substring, matched by the trigram index; wildcards in the text are escaped to match literally
            sql.add(" AND message ILIKE ? ESCAPE '\\'", "%" + escapeLike(q.text()) + "%");
        }
        if (withCursor && q.cursor() != null) {
            long[] at = parseCursor(q.cursor());
            sql.add(q.order() == Order.NEWEST_FIRST ? " AND (ts, seq) < (?, ?)" : " AND (ts, seq) > (?, ?)", at[0], at[1]);
        }
        return sql;
    }

    static QuerySql of(MetricQuery q) {
        QuerySql sql = new QuerySql();
        sql.add(" AND name = ?", q.name());
        sql.window(q.sinceMicros(), q.untilMicros());
        for (Map.Entry<String, String> tag : q.tags().entrySet()) {
            sql.jsonEquals("tags", tag.getKey(), tag.getValue());
        }
        return sql;
    }

    /**
     * The logger, or a name in [prefix + ".", prefix + "/"): its dotted descendants ('/' follows '.').
     * The pattern operators compare bytes, as the text_pattern_ops index orders them.
     */
    private void loggerPrefix(String prefix) {
        add(" AND (logger = ? OR (logger ~>=~ ? AND logger ~<~ ?))", prefix, prefix + ".", prefix + "/");
    }

    private void window(long sinceMicros, long untilMicros) {
        if (sinceMicros != Long.MIN_VALUE) {
            add(" AND ts >= ?", sinceMicros);
        }
        if (untilMicros != Long.MAX_VALUE) {
            add(" AND ts < ?", untilMicros);
        }
    }

    /**
     * The member's text form equals {@code value}. The containment test lets the GIN index find the
     * candidates (the value as a JSON string, or as the number or boolean it spells); the text comparison
     * then decides exactly.
     */
    private void jsonEquals(String column, String key, String value) {
        add(" AND (" + column + " @> ?::jsonb OR " + column + " @> ?::jsonb) AND " + column + " ->> ? = ?",
                FlatJson.NUL_REPLACED.member(key, FlatJson.NUL_REPLACED.quoted(value)), FlatJson.NUL_REPLACED.member(key, literal(value)), key, value);
    }

    /** {@code value} as a JSON number or boolean when it spells one, else as a JSON string. */
    private static String literal(String value) {
        if (value.equals("true") || value.equals("false") || value.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return value;
        }
        return FlatJson.NUL_REPLACED.quoted(value);
    }

    private static String escapeLike(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private void add(String clause, Object... values) {
        where.append(clause);
        parameters.addAll(List.of(values));
    }

    String where() {
        return where.toString();
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : parameters) {
            if (p instanceof Long) {
                s.setLong(i++, (Long) p);
            } else if (p instanceof Integer) {
                s.setInt(i++, (Integer) p);
            } else {
                s.setString(i++, Text.storable((String) p, Integer.MAX_VALUE));
            }
        }
        return i;
    }

    static String cursor(long ts, long seq) {
        return ts + ":" + seq;
    }

    private static long[] parseCursor(String cursor) {
        int colon = cursor.indexOf(':');
        try {
            return new long[] {Long.parseLong(cursor.substring(0, colon)), Long.parseLong(cursor.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "': pass a nextCursor returned by a query");
        }
    }
}
