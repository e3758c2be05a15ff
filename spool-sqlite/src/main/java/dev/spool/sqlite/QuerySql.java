package dev.spool.sqlite;

import dev.spool.store.LogQuery;
import dev.spool.store.MetricQuery;
import dev.spool.store.jdbc.StorableText;
import dev.spool.store.jdbc.WhereClause;

import java.util.Map;
import java.util.Set;

/**
 * The WHERE clause of a {@link LogQuery} or {@link MetricQuery} in SQLite's words: the shared criteria
 * of {@link WhereClause}, and SQLite's own for the logger prefix, fields ({@code json_each}, or a field
 * index) and text (the trigram index, or LIKE).
 */
final class QuerySql {

    /** Text shorter than a trigram cannot use the trigram index and is matched with LIKE. */
    private static final int MIN_FULL_TEXT_CHARS = 3;

    /** The logger itself, or a name in [prefix + ".", prefix + "/"): its dotted descendants ('/' follows '.'). */
    static final String LOGGER_PREFIX = " AND (logger = ? OR (logger >= ? AND logger < ?))";

    private QuerySql() {
    }

    /**
     * @param fullText   whether the database has the {@code logs_fts} trigram index
     * @param withCursor whether to apply the query's cursor (pages) or not (stats)
     */
    static WhereClause of(LogQuery q, boolean fullText, boolean withCursor) {
        return of(q, fullText, withCursor, false, Set.of());
    }

    /**
     * @param loggerByTime match the logger prefix without its index ({@code +logger}), so that SQLite walks
     *                     the time index in the query's order and stops at the limit: the fast plan when
     *                     the prefix matches many rows (the index plan would sort all of them)
     * @param fieldIndexes the field keys the database has an index for ({@link Indexes#indexFields})
     */
    static WhereClause of(LogQuery q, boolean fullText, boolean withCursor, boolean loggerByTime,
                          Set<String> fieldIndexes) {
        WhereClause sql = new WhereClause(StorableText.AS_IS).level(q).window(q.sinceMicros(), q.untilMicros());
        if (q.loggerPrefix() != null && !q.loggerPrefix().isEmpty()) {
            sql.loggerPrefix(loggerByTime ? " AND (+logger = ? OR (+logger >= ? AND +logger < ?))" : LOGGER_PREFIX,
                    q.loggerPrefix());
        }
        sql.equal("thread", q.thread()).equal("correlation_id", q.correlationId());
        boolean oneIndexed = false;
        for (Map.Entry<String, String> field : q.fields().entrySet()) {
            if (!oneIndexed && fieldIndexes.contains(field.getKey())) {
                // finds the candidates through the index; the exact text form is checked below
                sql.add(" AND " + Indexes.fieldExpression(field.getKey()) + " = ?", Indexes.indexedText(field.getValue()));
                oneIndexed = true;
            }
            sql.add(fieldEquals("logs.fields"), field.getKey(), field.getValue());
        }
        for (Map.Entry<String, String> entry : q.context().entrySet()) { // context values are strings
            sql.add(" AND EXISTS (SELECT 1 FROM json_each(logs.context) AS c WHERE c.key = ? AND c.value = ?)",
                    entry.getKey(), entry.getValue());
        }
        if (q.text() != null) {
            text(sql, q.text(), fullText);
        }
        return withCursor ? sql.after(q, "id") : sql;
    }

    /** The samples of the query's metric in its window with its tags. */
    static WhereClause of(MetricQuery q) {
        WhereClause sql = new WhereClause(StorableText.AS_IS);
        if (q.isPattern()) { // GLOB, not LIKE: SQLite's LIKE ignores ASCII case, metric names do not; [ is GLOB's own
            sql.add(" AND name GLOB ? AND ts >= ? AND ts < ?", q.name().replace("[", "[[]"), q.sinceMicros(), q.untilMicros());
        } else {
            sql.add(" AND name = ? AND ts >= ? AND ts < ?", q.name(), q.sinceMicros(), q.untilMicros());
        }
        for (Map.Entry<String, String> tag : q.tags().entrySet()) {
            sql.add(fieldEquals("metrics.tags"), tag.getKey(), tag.getValue());
        }
        return sql;
    }

    /** A clause matching rows whose JSON object in {@code column} has a member (key, text form) equal to two parameters. */
    static String fieldEquals(String column) {
        return " AND EXISTS (SELECT 1 FROM json_each(" + column + ") AS f WHERE f.key = ? AND (CASE f.type"
                + " WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE CAST(f.value AS TEXT) END) = ?)";
    }

    private static void text(WhereClause sql, String text, boolean fullText) {
        if (fullText && text.length() >= MIN_FULL_TEXT_CHARS) {
            sql.add(" AND id IN (SELECT rowid FROM logs_fts WHERE logs_fts MATCH ?)", '"' + text.replace("\"", "\"\"") + '"');
        } else {
            sql.add(" AND message LIKE ? ESCAPE '\\'", WhereClause.containing(text));
        }
    }
}
