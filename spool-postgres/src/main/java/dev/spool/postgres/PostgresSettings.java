package dev.spool.postgres;

import dev.spool.store.RetentionPolicy;
import dev.spool.store.jdbc.StoreOptions;

import java.time.Duration;
import java.util.Set;

/**
 * A validated {@code postgres} destination configuration.
 *
 * @param url               {@code postgresql://HOST:PORT/DATABASE}
 * @param ingest            {@code copy} (text COPY), {@code binary} (binary COPY), {@code stage} (COPY into
 *                          staging tables) or {@code insert} (multi-row INSERT)
 * @param batchSize         most rows in one transaction
 * @param batchTime         longest time a row waits before its transaction commits
 * @param fullBatchWait     how long a write into a full batch waits for PostgreSQL to take it before the
 *                          event is counted as failed
 * @param maxTextChars      longest message or exception text kept; longer text is cut with a marker
 * @param retention         what to keep
 * @param retentionInterval how often retention looks for expired rows
 * @param indexes           the optional indexes ({@link Indexes}) made on connect
 */
record PostgresSettings(String url, String ingest, int batchSize, Duration batchTime, Duration fullBatchWait,
                        int maxTextChars, RetentionPolicy retention, Duration retentionInterval, Set<String> indexes) {

    static final Set<String> INGEST = Set.of("copy", "binary", "stage", "insert");
    static final String DEFAULT_INGEST = "copy";
    static final Duration DEFAULT_FULL_BATCH_WAIT = Duration.ofSeconds(30);
    static final int DEFAULT_MAX_TEXT_CHARS = 1_000_000;

    PostgresSettings {
        Database.jdbcUrl(url);
        if (!INGEST.contains(ingest)) {
            throw new IllegalArgumentException("ingest must be one of " + INGEST + ", got " + ingest);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be positive, got " + batchSize);
        }
        if (maxTextChars < 1) {
            throw new IllegalArgumentException("maxTextChars must be positive, got " + maxTextChars);
        }
        indexes = Set.copyOf(indexes);
    }

    /** The defaults for the database at {@code url}. */
    static PostgresSettings defaults(String url) {
        return new PostgresSettings(url, DEFAULT_INGEST, StoreOptions.DEFAULT_BATCH_SIZE, StoreOptions.DEFAULT_BATCH_TIME,
                DEFAULT_FULL_BATCH_WAIT, DEFAULT_MAX_TEXT_CHARS, RetentionPolicy.KEEP_ALL,
                StoreOptions.DEFAULT_RETENTION_INTERVAL, Indexes.parse(Database.parameter(url, Database.INDEXES_PARAMETER)));
    }

    PostgresSettings withBatch(int size, Duration time) {
        return new PostgresSettings(url, ingest, size, time, fullBatchWait, maxTextChars, retention, retentionInterval, indexes);
    }

    PostgresSettings withIndexes(Set<String> names) {
        return new PostgresSettings(url, ingest, batchSize, batchTime, fullBatchWait, maxTextChars, retention,
                retentionInterval, names);
    }

    PostgresSettings withIngest(String mode) {
        return new PostgresSettings(url, mode, batchSize, batchTime, fullBatchWait, maxTextChars, retention,
                retentionInterval, indexes);
    }

    PostgresSettings withMaxTextChars(int chars) {
        return new PostgresSettings(url, ingest, batchSize, batchTime, fullBatchWait, chars, retention, retentionInterval, indexes);
    }

    PostgresSettings withFullBatchWait(Duration wait) {
        return new PostgresSettings(url, ingest, batchSize, batchTime, wait, maxTextChars, retention, retentionInterval, indexes);
    }

    PostgresSettings withRetention(RetentionPolicy policy, Duration interval) {
        return new PostgresSettings(url, ingest, batchSize, batchTime, fullBatchWait, maxTextChars, policy, interval, indexes);
    }
}
