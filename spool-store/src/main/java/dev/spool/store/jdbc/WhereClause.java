package dev.spool.store.jdbc;

import dev.spool.store.LogQuery;
import dev.spool.store.Order;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The WHERE clause of a query with its parameters: the SQL text is built only from fixed fragments that a
 * store passes in; every value a query carries is a bound parameter. The criteria both SQL stores write
 * alike (level, time window, exact columns, the page cursor) are here; a store adds its own clauses for
 * the others (logger prefix, fields, text). Not thread-safe; one per query.
 */
public final class WhereClause {

    private final StringBuilder where = new StringBuilder(" WHERE 1 = 1");
    private final List<Object> parameters = new ArrayList<>();
    private final StorableText text;

    /** @param text how string parameters are made comparable with what the store keeps */
    public WhereClause(StorableText text) {
        this.text = text;
    }

    /** Appends {@code clause} (starting with {@code " AND "}) and the values of its parameters, in order. */
    public WhereClause add(String clause, Object... values) {
        where.append(clause);
        parameters.addAll(Arrays.asList(values));
        return this;
    }

    /** The query's level criterion on column {@code level} (the level's ordinal), if it has one. */
    public WhereClause level(LogQuery q) {
        return q.level() == null ? this : add(q.levelAtLeast() ? " AND level >= ?" : " AND level = ?", q.level().ordinal());
    }

    /** {@code since <= ts < until}, each bound left out when unbounded ({@link Long#MIN_VALUE}, {@link Long#MAX_VALUE}). */
    public WhereClause window(long sinceMicros, long untilMicros) {
        if (sinceMicros != Long.MIN_VALUE) {
            add(" AND ts >= ?", sinceMicros);
        }
        if (untilMicros != Long.MAX_VALUE) {
            add(" AND ts < ?", untilMicros);
        }
        return this;
    }

    /** {@code column = value} when {@code value} is not null; {@code column} is a fixed name, never input. */
    public WhereClause equal(String column, String value) {
        return value == null ? this : add(" AND " + column + " = ?", value);
    }

    /**
     * A logger prefix: {@code clause} takes three parameters, the prefix itself and the bounds of its
     * dotted descendants, [prefix + ".", prefix + "/") ('/' follows '.').
     */
    public WhereClause loggerPrefix(String clause, String prefix) {
        return add(clause, prefix, prefix + ".", prefix + "/");
    }

    /**
     * Rows after the query's cursor in its order, by {@code (ts, tie)}, when it has a cursor.
     *
     * @param tie the column that orders rows of one timestamp (insertion order)
     * @throws IllegalArgumentException for a cursor that no query returned
     */
    public WhereClause after(LogQuery q, String tie) {
        if (q.cursor() == null) {
            return this;
        }
        long[] at = parseCursor(q.cursor());
        return add(q.order() == Order.NEWEST_FIRST ? " AND (ts, " + tie + ") < (?, ?)" : " AND (ts, " + tie + ") > (?, ?)",
                at[0], at[1]);
    }

    /** The clause, starting with {@code " WHERE "}. */
    public String where() {
        return where.toString();
    }

    /** Binds the parameters from index {@code first}; returns the next free index. */
    public int bind(PreparedStatement s, int first) throws SQLException {
        int i = first;
        for (Object p : parameters) {
            if (p instanceof Long) {
                s.setLong(i++, (Long) p);
            } else if (p instanceof Integer) {
                s.setInt(i++, (Integer) p);
            } else {
                s.setString(i++, text.value((String) p));
            }
        }
        return i;
    }

    /** The pattern of a {@code LIKE ? ESCAPE '\'} that matches text containing {@code contained} literally. */
    public static String containing(String contained) {
        return "%" + contained.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
    }

    /** The cursor of a page whose last row has timestamp {@code ts} and tie {@code tie}. */
    public static String cursor(long ts, long tie) {
        return ts + ":" + tie;
    }

    /**
     * The timestamp and tie of {@code cursor}.
     *
     * @throws IllegalArgumentException naming the cursor when it is not one a query returned
     */
    public static long[] parseCursor(String cursor) {
        int colon = cursor.indexOf(':');
        try {
            return new long[] {Long.parseLong(cursor.substring(0, colon)), Long.parseLong(cursor.substring(colon + 1))};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bad cursor '" + cursor + "': pass a nextCursor returned by a query");
        }
    }
}
