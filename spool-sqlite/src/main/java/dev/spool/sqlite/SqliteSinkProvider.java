package dev.spool.sqlite;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;
import dev.spool.store.RetentionPolicy;
import dev.spool.store.jdbc.IndexNames;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code sqlite} destination type: {@code path} (required), {@code synchronous} ({@code normal}),
 * {@code batchSize} (10000), {@code batchTime} (200ms), {@code busyTimeout} (5s), {@code fullText}
 * (false), {@code maxAge} and {@code maxRows} (retention, none by default), {@code retentionInterval} (1m),
 * {@code indexedFields} (none: comma-separated field keys indexed for equality queries), {@code indexes}
 * (the optional indexes of {@code logs} to make, default {@code level,correlation}: none, all, or some of level, logger,
 * thread, correlation).
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class SqliteSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = Set.of("type", "level", "path", "synchronous", "batchSize", "batchTime",
            "busyTimeout", "fullText", "maxAge", "maxRows", "retentionInterval", "indexedFields", "indexes");

    /** Made by {@link java.util.ServiceLoader}. */
    public SqliteSinkProvider() {
    }

    @Override
    public String type() {
        return "sqlite";
    }

    @Override
    public SinkFactory configure(Options options) {
        SqliteSettings settings = settings(options);
        return context -> SqliteSink.open(settings, context.destinationName());
    }

    static SqliteSettings settings(Options options) {
        options.requireOnly(KEYS);
        String rawPath = options.string("path");
        Path path;
        try {
            path = Path.of(rawPath);
        } catch (InvalidPathException e) {
            throw options.bad("path", rawPath, "a file path (" + e.getReason() + ")");
        }
        String synchronous = options.choice("synchronous", "normal", SqliteSettings.SYNCHRONOUS);
        int batchSize = options.integer("batchSize", SqliteSettings.DEFAULT_BATCH_SIZE, 1, 1_000_000);
        Duration batchTime = positive(options, "batchTime", SqliteSettings.DEFAULT_BATCH_TIME);
        Duration busyTimeout = options.duration("busyTimeout", SqliteSettings.DEFAULT_BUSY_TIMEOUT);
        if (busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw options.bad("busyTimeout", options.string("busyTimeout", ""), "a duration below 24 days");
        }
        Duration maxAge = options.has("maxAge") ? positive(options, "maxAge", null) : null;
        long maxRows = options.integer("maxRows", 0, 0, Integer.MAX_VALUE);
        Duration interval = positive(options, "retentionInterval", SqliteSettings.DEFAULT_RETENTION_INTERVAL);
        List<String> indexedFields = new ArrayList<>();
        for (String key : options.string("indexedFields", "").split(",")) {
            if (!key.isBlank() && !Schema.isIndexableKey(key.strip())) {
                throw options.bad("indexedFields", options.string("indexedFields"),
                        "a comma-separated list of field keys, each " + Schema.INDEXABLE_KEY_RULE);
            }
            if (!key.isBlank()) {
                indexedFields.add(key.strip());
            }
        }
        String indexSpec = options.string("indexes", null);
        Set<String> indexes;
        try {
            indexes = IndexNames.parse(indexSpec, Schema.OPTIONAL_INDEXES.keySet(), Schema.DEFAULT_INDEXES);
        } catch (IllegalArgumentException e) {
            throw options.bad("indexes", indexSpec, "none, all, or a comma-separated list of "
                    + String.join(", ", Schema.OPTIONAL_INDEXES.keySet()));
        }
        return new SqliteSettings(path, synchronous, batchSize, batchTime, busyTimeout,
                options.bool("fullText", false), new RetentionPolicy(maxAge, maxRows), interval, indexedFields, indexes);
    }

    private static Duration positive(Options options, String key, Duration defaultValue) {
        Duration d = options.duration(key, defaultValue);
        if (d != null && (d.isZero() || d.isNegative())) {
            throw options.bad(key, options.string(key, ""), "a positive duration such as 200ms, 5s or 7d");
        }
        return d;
    }
}
