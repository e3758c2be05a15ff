package dev.spool.store;

import java.time.Duration;
import java.util.List;

/**
 * Reads the logs and metrics a store holds, and applies retention to them.
 *
 * <p>Implementations are thread-safe unless they say otherwise. Every method throws {@link StoreException}
 * with a message naming the store and what went wrong (locked, read-only, corrupt, missing); no method
 * interprets the text it is given as SQL or any other language.
 */
public interface LogStore extends AutoCloseable {

    /** The events matching {@code query}, at most {@code query.limit()}, in its order, with a cursor for more. */
    LogPage query(LogQuery query);

    /**
     * Counts of the events matching {@code filter} (its limit, cursor and order are ignored): by level with
     * percentages, the {@code top} busiest loggers and threads, and events per {@code bucket} of time.
     */
    Stats stats(LogQuery filter, Duration bucket, int top);

    /** The samples of one metric in the query's window, aggregated per bucket. */
    MetricSeries metrics(MetricQuery query);

    /**
     * The {@code limit} largest samples in the query's window ("the ten slowest"), largest first; of every
     * metric whose name matches when the query's name is a pattern ({@link MetricQuery#isPattern()}).
     */
    List<MetricSample> topSamples(MetricQuery query, int limit);

    /**
     * The {@code limit} newest samples in the query's window, newest first (the sqlite-worker seed's
     * {@code get_metrics(name, limit)}); of every matching metric when the name is a pattern.
     */
    List<MetricSample> latestSamples(MetricQuery query, int limit);

    /** The names of the metrics stored, sorted. */
    List<String> metricNames();

    /** The bytes the store occupies (for SQLite: the database file; for a server: its tables). */
    long sizeBytes();

    /**
     * Deletes up to {@code maxDeletes} rows (logs and metrics) that the policy no longer keeps, oldest
     * first, and returns how many it deleted. Called repeatedly with a small bound, it trims a large
     * backlog without holding the store for long.
     */
    long applyRetention(RetentionPolicy policy, int maxDeletes);

    /**
     * The latest ledger of every producing pipeline and destination made at or after {@code sinceMicros}
     * (docs/audit.md).
     *
     * @throws StoreException when the store keeps no ledgers
     */
    default List<LedgerRecord> ledgers(long sinceMicros) {
        throw new StoreException("this store keeps no ledgers");
    }

    /**
     * The latest relay ledger (a collector's or consumer's, {@link LedgerRecord#relay()} set) of every relay
     * run and upstream producer made at or after {@code sinceMicros} (docs/audit.md); empty for a store that
     * keeps none.
     */
    default List<LedgerRecord> relayLedgers(long sinceMicros) {
        return List.of();
    }

    /**
     * How many events the store holds whose id carries {@code node} (characters 11 to 18 of the id text),
     * and how many of them have an id counter (characters 19 to 26) of at most {@code coveredUpTo}.
     */
    default StoredCount storedEvents(String node, String coveredUpTo) {
        throw new StoreException("this store keeps no ledgers");
    }

    /** Releases the store's connections. */
    @Override
    void close();
}
