package dev.spool.sqlite;

import dev.spool.store.RetentionPolicy;
import dev.spool.store.jdbc.StoreOptions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A validated {@code sqlite} destination configuration.
 *
 * @param synchronous       {@code off}, {@code normal} or {@code full} (SQLite's PRAGMA synchronous)
 * @param batchSize         most rows in one transaction
 * @param batchTime         longest time a row waits before its transaction commits
 * @param busyTimeout       how long a statement waits for another connection's lock
 * @param fullText          whether messages are indexed with FTS5
 * @param retention         what to keep
 * @param retentionInterval how often retention looks for expired rows
 * @param indexedFields     field keys that get an index for equality queries (see {@link Indexes#indexFields})
 * @param indexes           the optional indexes of {@code logs} to make ({@link Indexes#OPTIONAL})
 * @param cacheBytes        the writer connection's page cache ({@code PRAGMA cache_size}), in bytes
 */
record SqliteSettings(Path path, String synchronous, int batchSize, Duration batchTime, Duration busyTimeout,
                      boolean fullText, RetentionPolicy retention, Duration retentionInterval,
                      List<String> indexedFields, Set<String> indexes, long cacheBytes) {

    static final Set<String> SYNCHRONOUS = Set.of("off", "normal", "full");
    static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(5);
    /** 16 MiB: the indexes' hot pages stay cached during long runs (docs/sqlite.md "Pragmas"). */
    static final long DEFAULT_CACHE_BYTES = 16L << 20;
    static final long MIN_CACHE_BYTES = 1L << 20;
    static final long MAX_CACHE_BYTES = 4L << 30;

    SqliteSettings {
        if (!SYNCHRONOUS.contains(synchronous)) {
            throw new IllegalArgumentException("synchronous must be one of " + SYNCHRONOUS + ", got " + synchronous);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (cacheBytes < MIN_CACHE_BYTES || cacheBytes > MAX_CACHE_BYTES) {
            throw new IllegalArgumentException("cacheSize must be 1MB to 4GB, got " + cacheBytes + " bytes");
        }
        indexedFields = List.copyOf(indexedFields);
        indexes = Set.copyOf(indexes);
        if (!Indexes.OPTIONAL.keySet().containsAll(indexes)) {
            throw new IllegalArgumentException("indexes: expected names among " + Indexes.OPTIONAL.keySet()
                    + ", got " + indexes);
        }
        for (String key : indexedFields) {
            if (!Indexes.isIndexableKey(key)) {
                throw new IllegalArgumentException("indexedFields: bad field key '" + key + "': expected "
                        + Indexes.INDEXABLE_KEY_RULE);
            }
        }
    }

    /** The defaults for a database at {@code path}. */
    static SqliteSettings defaults(Path path) {
        return new SqliteSettings(path, "normal", StoreOptions.DEFAULT_BATCH_SIZE, StoreOptions.DEFAULT_BATCH_TIME,
                DEFAULT_BUSY_TIMEOUT, false, RetentionPolicy.KEEP_ALL, StoreOptions.DEFAULT_RETENTION_INTERVAL, List.of(),
                Indexes.DEFAULT, DEFAULT_CACHE_BYTES);
    }

    SqliteSettings withBatch(int size, Duration time) {
        return new SqliteSettings(path, synchronous, size, time, busyTimeout, fullText, retention, retentionInterval, indexedFields, indexes, cacheBytes);
    }

    SqliteSettings withBusyTimeout(Duration timeout) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, timeout, fullText, retention, retentionInterval, indexedFields, indexes, cacheBytes);
    }

    SqliteSettings withFullText(boolean on) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout, on, retention, retentionInterval, indexedFields, indexes, cacheBytes);
    }

    SqliteSettings withIndexedFields(List<String> keys) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout, fullText, retention,
                retentionInterval, keys, indexes, cacheBytes);
    }

    SqliteSettings withCacheBytes(long bytes) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout, fullText, retention,
                retentionInterval, indexedFields, indexes, bytes);
    }

    SqliteSettings withIndexes(Set<String> names) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout, fullText, retention,
                retentionInterval, indexedFields, names, cacheBytes);
    }

    SqliteSettings withRetention(RetentionPolicy policy, Duration interval) {
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout, fullText, policy, interval, indexedFields, indexes, cacheBytes);
    }
}
