package dev.spool.store.jdbc;

import dev.spool.Level;
import dev.spool.store.ExceptionText;
import dev.spool.store.FlatJson;
import dev.spool.store.LevelStats;
import dev.spool.store.LogPage;
import dev.spool.store.LogRecord;
import dev.spool.store.MetricSample;
import dev.spool.store.NameCount;
import dev.spool.store.TimeBucket;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the results of the query shapes both SQL stores share into the store API's records, so that the
 * same rows become the same records whichever store holds them. Stateless.
 */
public final class ResultRows {

    /** Most empty buckets filled between two buckets with events; a wider gap is left as it is. */
    public static final int MAX_FILLED_BUCKETS = 100_000;

    private static final Level[] LEVELS = Level.values();

    private ResultRows() {
    }

    /** The level of a stored ordinal; one out of range is read as the nearest level. */
    public static Level level(int ordinal) {
        return LEVELS[Math.max(0, Math.min(LEVELS.length - 1, ordinal))];
    }

    /**
     * A page of log rows selected as {@code tie, event_id, ts, level, logger, thread, thread_id, message,
     * exception, fields, context, correlation_id, service, host, pid} (fields and context as JSON text),
     * with a cursor ({@link WhereClause#cursor}) after the last row when the page holds {@code limit} rows.
     */
    public static LogPage page(ResultSet r, int limit) throws SQLException {
        List<LogRecord> records = new ArrayList<>();
        long lastTs = 0;
        long lastTie = 0;
        while (r.next()) {
            lastTie = r.getLong(1);
            lastTs = r.getLong(3);
            records.add(new LogRecord(r.getString(2), lastTs, level(r.getInt(4)), r.getString(5), r.getString(6),
                    r.getLong(7), r.getString(8), ExceptionText.read(r.getString(9)),
                    FlatJson.parse(r.getString(10)), FlatJson.parseText(r.getString(11)), r.getString(12), r.getString(13), r.getString(14), r.getLong(15)));
        }
        return new LogPage(records, records.size() == limit ? WhereClause.cursor(lastTs, lastTie) : null);
    }

    /** Metric samples selected as {@code event_id, ts, name, value, unit, tags} (tags as JSON text). */
    public static List<MetricSample> samples(ResultSet r) throws SQLException {
        List<MetricSample> samples = new ArrayList<>();
        while (r.next()) {
            samples.add(new MetricSample(r.getString(1), r.getLong(2), r.getString(3), r.getDouble(4),
                    r.getString(5), FlatJson.parseText(r.getString(6))));
        }
        return samples;
    }

    /** One entry per level, TRACE to FATAL, from rows of {@code level, count}, with each level's share. */
    public static List<LevelStats> levels(ResultSet r) throws SQLException {
        long[] byLevel = new long[LEVELS.length];
        long total = 0;
        while (r.next()) {
            byLevel[level(r.getInt(1)).ordinal()] += r.getLong(2);
            total += r.getLong(2);
        }
        List<LevelStats> levels = new ArrayList<>();
        for (Level level : LEVELS) {
            long n = byLevel[level.ordinal()];
            levels.add(new LevelStats(level, n, total == 0 ? 0 : 100.0 * n / total));
        }
        return levels;
    }

    /** Rows of {@code name, count}, in their order. */
    public static List<NameCount> names(ResultSet r) throws SQLException {
        List<NameCount> result = new ArrayList<>();
        while (r.next()) {
            result.add(new NameCount(r.getString(1), r.getLong(2)));
        }
        return result;
    }

    /**
     * Rows of {@code bucket number, count} in bucket order, with the empty buckets between them filled in
     * (unless more than {@link #MAX_FILLED_BUCKETS} in a row).
     */
    public static List<TimeBucket> buckets(ResultSet r, long widthMicros) throws SQLException {
        List<TimeBucket> result = new ArrayList<>();
        long expected = Long.MIN_VALUE;
        while (r.next()) {
            long b = r.getLong(1);
            if (expected != Long.MIN_VALUE && b - expected < MAX_FILLED_BUCKETS) {
                for (long gap = expected; gap < b; gap++) {
                    result.add(new TimeBucket(gap * widthMicros, 0));
                }
            }
            result.add(new TimeBucket(b * widthMicros, r.getLong(2)));
            expected = b + 1;
        }
        return result;
    }

    /** The strings of column 1, in their order. */
    public static List<String> strings(ResultSet r) throws SQLException {
        List<String> result = new ArrayList<>();
        while (r.next()) {
            result.add(r.getString(1));
        }
        return result;
    }
}
