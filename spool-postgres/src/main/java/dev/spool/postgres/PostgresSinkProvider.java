package dev.spool.postgres;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;
import dev.spool.store.RetentionPolicy;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code postgres} destination type: {@code url} (required, {@code postgresql://HOST:PORT/DATABASE};
 * user and password from {@code PGUSER}/{@code PGPASSWORD} or the URL's parameters), {@code batchSize}
 * (10000), {@code batchTime} (200ms), {@code ingest} ({@code copy}, {@code stage} or {@code insert},
 * default copy: the fastest, see docs/postgres.md), {@code fullBatchWait} (30s), {@code maxTextChars} (1000000),
 * {@code maxAge} and {@code maxRows} (retention, none by default), {@code retentionInterval} (1m),
 * {@code indexes} (the optional indexes to make, default {@code level}; see {@link Indexes}).
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class PostgresSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = Set.of("type", "level", "url", "batchSize", "batchTime", "ingest",
            "fullBatchWait", "maxTextChars", "maxAge", "maxRows", "retentionInterval", "indexes");

    /** Made by {@link java.util.ServiceLoader}. */
    public PostgresSinkProvider() {
    }

    @Override
    public String type() {
        return "postgres";
    }

    @Override
    public SinkFactory configure(Options options) {
        PostgresSettings settings = settings(options);
        return context -> PostgresSink.open(settings, context.destinationName());
    }

    static PostgresSettings settings(Options options) {
        options.requireOnly(KEYS);
        String url = options.string("url");
        try {
            Database.jdbcUrl(url);
        } catch (IllegalArgumentException e) {
            throw options.bad("url", url, "postgresql://HOST:PORT/DATABASE");
        }
        String ingest = options.choice("ingest", PostgresSettings.DEFAULT_INGEST, PostgresSettings.INGEST);
        int batchSize = options.integer("batchSize", PostgresSettings.DEFAULT_BATCH_SIZE, 1, 1_000_000);
        Duration batchTime = positive(options, "batchTime", PostgresSettings.DEFAULT_BATCH_TIME);
        Duration fullBatchWait = options.duration("fullBatchWait", PostgresSettings.DEFAULT_FULL_BATCH_WAIT);
        int maxTextChars = options.integer("maxTextChars", PostgresSettings.DEFAULT_MAX_TEXT_CHARS, 1, 100_000_000);
        Duration maxAge = options.has("maxAge") ? positive(options, "maxAge", null) : null;
        long maxRows = options.integer("maxRows", 0, 0, Integer.MAX_VALUE);
        Duration interval = positive(options, "retentionInterval", PostgresSettings.DEFAULT_RETENTION_INTERVAL);
        String indexSpec = options.string("indexes", Database.parameter(url, Database.INDEXES_PARAMETER));
        Set<String> indexes;
        try {
            indexes = Indexes.parse(indexSpec);
        } catch (IllegalArgumentException e) {
            throw options.bad("indexes", indexSpec, "none, all, or a comma-separated list of "
                    + String.join(", ", Indexes.OPTIONAL.keySet()));
        }
        return new PostgresSettings(url, ingest, batchSize, batchTime, fullBatchWait, maxTextChars,
                new RetentionPolicy(maxAge, maxRows), interval, indexes);
    }

    private static Duration positive(Options options, String key, Duration defaultValue) {
        Duration d = options.duration(key, defaultValue);
        if (d != null && (d.isZero() || d.isNegative())) {
            throw options.bad(key, options.string(key, ""), "a positive duration such as 200ms, 5s or 7d");
        }
        return d;
    }
}
