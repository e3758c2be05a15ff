package dev.spool.postgres;

import dev.spool.Level;
import dev.spool.store.FlatJson;
import dev.spool.store.LogQuery;
import dev.spool.store.MetricQuery;
import dev.spool.store.jdbc.StorableText;
import dev.spool.store.jdbc.WhereClause;

import java.util.Map;

/**
 * The WHERE clause of a {@link LogQuery} or {@link MetricQuery} in PostgreSQL's words: the shared
 * criteria of {@link WhereClause}, and PostgreSQL's own for the logger prefix (byte-wise pattern
 * operators), fields (jsonb containment) and text (ILIKE, which the trigram index serves). String values
 * are bound as stored: NUL becomes U+FFFD, as in the rows.
 */
final class QuerySql {

    /**
     * The logger, or a name in [prefix + ".", prefix + "/"): its dotted descendants. The pattern operators
     * compare bytes, as the text_pattern_ops index orders them.
     */
    private static final String LOGGER_PREFIX = " AND (logger = ? OR (logger ~>=~ ? AND logger ~<~ ?))";
    private static final StorableText AS_STORED = StorableText.withoutNul(Integer.MAX_VALUE, Integer.MAX_VALUE);
    /**
     * The predicate of the partial index {@code warnings}, repeated as a constant for a criterion of WARN or
     * above: a generic plan (pgjdbc's server-prepared statements, after a few executions) does not know the
     * bound level and can only use a partial index whose predicate the query's constants imply.
     */
    private static final String WARN_OR_ABOVE = " AND level >= " + Level.WARN.ordinal();

    private QuerySql() {
    }

    /** @param withCursor whether to apply the query's cursor (pages) or not (stats) */
    static WhereClause of(LogQuery q, boolean withCursor) {
        WhereClause sql = new WhereClause(AS_STORED).level(q);
        if (q.level() != null && q.level().compareTo(Level.WARN) >= 0) {
            sql.add(WARN_OR_ABOVE);
        }
        sql.window(q.sinceMicros(), q.untilMicros());
        if (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty()) {
            sql.loggerPrefix(LOGGER_PREFIX, q.loggerPrefix());
        }
        sql.equal("thread", q.thread()).equal("correlation_id", q.correlationId());
        for (Map.Entry<String, String> field : q.fields().entrySet()) {
            jsonEquals(sql, "fields", field.getKey(), field.getValue());
        }
        for (Map.Entry<String, String> entry : q.context().entrySet()) { // context values are strings
            sql.add(" AND context @> ?::jsonb", FlatJson.NUL_REPLACED.member(entry.getKey(),
                    FlatJson.NUL_REPLACED.quoted(entry.getValue())));
        }
        if (q.text() != null) {
            // a substring, matched by the trigram index; wildcards in the text are escaped to match literally
            sql.add(" AND message ILIKE ? ESCAPE '\\'", WhereClause.containing(q.text()));
        }
        return withCursor ? sql.after(q, "seq") : sql;
    }

    static WhereClause of(MetricQuery q) {
        WhereClause sql = new WhereClause(AS_STORED).add(q.isPattern() ? " AND name LIKE ? ESCAPE '\\'" : " AND name = ?",
                q.isPattern() ? q.likePattern() : q.name()).window(q.sinceMicros(), q.untilMicros());
        for (Map.Entry<String, String> tag : q.tags().entrySet()) {
            jsonEquals(sql, "tags", tag.getKey(), tag.getValue());
        }
        return sql;
    }

    /**
     * The member's text form equals {@code value}. The containment test lets the GIN index find the
     * candidates (the value as a JSON string, or as the number or boolean it spells); the text comparison
     * then decides exactly.
     */
    private static void jsonEquals(WhereClause sql, String column, String key, String value) {
        sql.add(" AND (" + column + " @> ?::jsonb OR " + column + " @> ?::jsonb) AND " + column + " ->> ? = ?",
                FlatJson.NUL_REPLACED.member(key, FlatJson.NUL_REPLACED.quoted(value)),
                FlatJson.NUL_REPLACED.member(key, literal(value)), key, value);
    }

    /** {@code value} as a JSON number or boolean when it spells one, else as a JSON string. */
    private static String literal(String value) {
        if (value.equals("true") || value.equals("false") || value.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return value;
        }
        return FlatJson.NUL_REPLACED.quoted(value);
    }
}
