package dev.spool.postgres;

import dev.spool.store.LedgerRecord;
import dev.spool.store.LevelStats;
import dev.spool.store.LogPage;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.MetricBucket;
import dev.spool.store.MetricQuery;
import dev.spool.store.MetricSample;
import dev.spool.store.MetricSeries;
import dev.spool.store.NameCount;
import dev.spool.store.Order;
import dev.spool.store.RetentionPolicy;
import dev.spool.store.Stats;
import dev.spool.store.StoreException;
import dev.spool.store.StoreWriter;
import dev.spool.store.StoredCount;
import dev.spool.store.TimeBucket;
import dev.spool.store.jdbc.LedgerTable;
import dev.spool.store.jdbc.ResultRows;
import dev.spool.store.jdbc.WhereClause;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link LogStore} over a PostgreSQL database written by the {@code postgres} destination (or the
 * ingest consumer). Thread-safe: one connection, one query at a time; open one store per thread for
 * parallel queries.
 */
public final class PostgresStore implements LogStore {

    private static final String COLUMNS = "seq, event_id, ts, level, logger, thread, thread_id, message, exception,"
            + " fields::text, context::text, correlation_id, service, host, pid";

    private final String url;
    private final Connection connection;

    private PostgresStore(String url, Connection connection) {
        this.url = url;
        this.connection = connection;
    }

    /**
     * Opens the database at {@code url} ({@code postgresql://HOST:PORT/DATABASE}) for queries.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL
     * @throws StoreException when the server does not answer, the database is missing or holds no Spool logs
     */
    public static PostgresStore open(String url) {
        Database.jdbcUrl(url);
        Connection c = null;
        try {
            c = Database.open(url, "spool-store");
            Schema.requireCurrent(c, url);
            return new PostgresStore(url, c);
        } catch (SQLException | RuntimeException e) {
            Database.closeQuietly(c);
            throw new StoreException(Database.describe(e, url), e);
        }
    }

    /** {@code url} with a {@code password} parameter's value masked, for showing where a store is. */
    public static String withoutCredentials(String url) {
        return Database.withoutCredentials(url);
    }

    /**
     * A writer into the database at {@code url} for the ingest consumer: one transaction per
     * {@link StoreWriter#write}, written like the {@code postgres} destination writes (COPY into staging
     * tables, then an insert that skips the {@code (ts, event_id)} stored already; day partitions made on
     * demand; only the rows PostgreSQL refuses for their data left out). Connects and brings the schema up
     * to date now. Not thread-safe: open one per thread.
     *
     * <p>Two URL parameters are Spool's own (the others go to pgjdbc): {@code indexes} names the optional
     * indexes to make ({@code none}, {@code all} or a list of {@code level, logger, thread, correlation,
     * fields, text, warnings}; default {@code warnings}) and {@code ingest} the path ({@code copy}, text COPY,
     * the default; {@code binary}, binary COPY; {@code stage}; {@code insert}). See docs/postgres.md.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL URL or a parameter is not understood
     * @throws StoreException when the server does not answer (retryable), the database is missing or was
     *                        written by a newer Spool (not retryable)
     */
    public static StoreWriter writer(String url) {
        String ingest = Database.parameter(url, Database.INGEST_PARAMETER);
        if (ingest != null && !PostgresSettings.INGEST.contains(ingest)) {
            throw new IllegalArgumentException("bad ingest '" + ingest + "' in " + Database.withoutCredentials(url)
                    + ": expected one of copy, binary, stage, insert");
        }
        return PostgresWriter.open(url, ingest == null ? PostgresSettings.DEFAULT_INGEST : ingest);
    }

    @Override
    public synchronized LogPage query(LogQuery query) {
        WhereClause sql = QuerySql.of(query, true);
        String direction = query.order() == Order.NEWEST_FIRST ? "DESC" : "ASC";
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM logs" + sql.where()
                + " ORDER BY ts " + direction + ", seq " + direction + " LIMIT ?")) {
            s.setInt(sql.bind(s, 1), query.limit());
            try (ResultSet r = s.executeQuery()) {
                return ResultRows.page(r, query.limit());
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized Stats stats(LogQuery filter, Duration bucket, int top) {
        if (bucket == null || bucket.toNanos() < 1_000) {
            throw new IllegalArgumentException("bad bucket " + bucket + ": expected at least 1 microsecond");
        }
        WhereClause sql = QuerySql.of(filter, false);
        try {
            List<LevelStats> levels;
            try (PreparedStatement s = connection.prepareStatement("SELECT level, count(*) FROM logs" + sql.where()
                    + " GROUP BY level")) {
                sql.bind(s, 1);
                try (ResultSet r = s.executeQuery()) {
                    levels = ResultRows.levels(r);
                }
            }
            long total = levels.stream().mapToLong(LevelStats::count).sum();
            return new Stats(total, levels, busiest(sql, "logger", top), busiest(sql, "thread", top), bucket,
                    buckets(sql, bucket.toNanos() / 1_000));
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private List<NameCount> busiest(WhereClause sql, String column, int top) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + column + ", count(*) AS n FROM logs"
                + sql.where() + " GROUP BY " + column + " ORDER BY n DESC, " + column + " COLLATE \"C\" LIMIT ?")) {
            s.setInt(sql.bind(s, 1), Math.max(0, top));
            try (ResultSet r = s.executeQuery()) {
                return ResultRows.names(r);
            }
        }
    }

    private List<TimeBucket> buckets(WhereClause sql, long widthMicros) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT floor(ts::numeric / ?)::bigint AS b, count(*)"
                + " FROM logs" + sql.where() + " GROUP BY b ORDER BY b")) {
            s.setLong(1, widthMicros);
            sql.bind(s, 2);
            try (ResultSet r = s.executeQuery()) {
                return ResultRows.buckets(r, widthMicros);
            }
        }
    }

    /** Percentiles are computed by the server with {@code percentile_disc}, which is nearest-rank. */
    @Override
    public synchronized MetricSeries metrics(MetricQuery query) {
        query.requireExactName();
        long width = query.bucketMicros();
        WhereClause sql = QuerySql.of(query);
        String bucket = width == 0 ? "0" : "floor(ts::numeric / " + width + ")::bigint";
        try (PreparedStatement s = connection.prepareStatement("SELECT " + bucket + " AS b, min(ts), count(*),"
                + " avg(value), min(value), max(value),"
                + " percentile_disc(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY value)"
                + " FROM metrics" + sql.where() + " GROUP BY b ORDER BY b")) {
            sql.bind(s, 1);
            List<MetricBucket> buckets = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    long start = width == 0 ? (query.sinceMicros() == Long.MIN_VALUE ? r.getLong(2) : query.sinceMicros())
                            : r.getLong(1) * width;
                    buckets.add(bucket(r, start));
                }
            }
            return new MetricSeries(query.name(), unit(query.name()), query.bucket(), buckets);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private static MetricBucket bucket(ResultSet r, long startMicros) throws SQLException {
        Array percentiles = r.getArray(7);
        Double[] p = (Double[]) percentiles.getArray();
        percentiles.free();
        return new MetricBucket(startMicros, r.getLong(3), r.getDouble(4), r.getDouble(5), r.getDouble(6),
                p[0], p[1], p[2]);
    }

    @Override
    public synchronized List<MetricSample> topSamples(MetricQuery query, int limit) {
        return samples(query, "value DESC, ts", limit);
    }

    @Override
    public synchronized List<MetricSample> latestSamples(MetricQuery query, int limit) {
        return samples(query, "ts DESC, seq DESC", limit);
    }

    private List<MetricSample> samples(MetricQuery query, String order, int limit) {
        WhereClause sql = QuerySql.of(query);
        try (PreparedStatement s = connection.prepareStatement("SELECT event_id, ts, name, value, unit, tags::text"
                + " FROM metrics" + sql.where() + " ORDER BY " + order + " LIMIT ?")) {
            s.setInt(sql.bind(s, 1), Math.max(0, limit));
            try (ResultSet r = s.executeQuery()) {
                return ResultRows.samples(r);
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private String unit(String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT unit FROM metrics WHERE name = ? ORDER BY ts DESC, seq DESC LIMIT 1")) {
            s.setString(1, name);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? r.getString(1) : "";
            }
        }
    }

    @Override
    public synchronized List<String> metricNames() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT DISTINCT name COLLATE \"C\" AS n FROM metrics ORDER BY n")) {
            return ResultRows.strings(r);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** The bytes of both tables' partitions with their indexes and TOAST data. */
    @Override
    public synchronized long sizeBytes() {
        try (Statement s = connection.createStatement();
             ResultSet r = s.executeQuery("SELECT coalesce(sum(pg_total_relation_size(inhrelid)), 0) FROM pg_inherits"
                     + " WHERE inhparent IN ('logs'::regclass, 'metrics'::regclass)")) {
            r.next();
            return r.getLong(1);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * Drops the day partitions wholly beyond the policy when their rows fit in {@code maxDeletes}, and
     * deletes the rest oldest first; see docs/postgres.md.
     */
    @Override
    public synchronized long applyRetention(RetentionPolicy policy, int maxDeletes) {
        if (policy.keepsAll() || maxDeletes <= 0) {
            return 0;
        }
        try {
            return new RetentionSql(connection, false).apply(policy, maxDeletes, System.currentTimeMillis() * 1_000);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<LedgerRecord> ledgers(long sinceMicros) {
        try {
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT to_regclass('ledgers') IS NOT NULL")) {
                r.next();
                if (!r.getBoolean(1)) {
                    throw new StoreException(withoutCredentials(url) + " holds no ledgers: it was written by a Spool"
                            + " without them (schema before version 4); writing to it with this Spool migrates it");
                }
            }
            return LedgerTable.select(connection, sinceMicros);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized List<LedgerRecord> relayLedgers(long sinceMicros) {
        try {
            try (Statement s = connection.createStatement();
                 ResultSet r = s.executeQuery("SELECT to_regclass('relay_ledgers') IS NOT NULL")) {
                r.next();
                if (!r.getBoolean(1)) {
                    return List.of(); // schema before version 5: no relay wrote here yet
                }
            }
            return LedgerTable.selectRelays(connection, sinceMicros);
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @Override
    public synchronized StoredCount storedEvents(String node, String coveredUpTo) {
        try {
            return LedgerTable.stored(connection, node, coveredUpTo, "COLLATE \"C\"");
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private StoreException failure(SQLException e) {
        return new StoreException(Database.describe(e, url), e);
    }

    @Override
    public synchronized void close() {
        Database.closeQuietly(connection);
    }
}
