package dev.spool.sqlite;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;
import dev.spool.store.jdbc.StoreOptions;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The {@code sqlite} destination type: {@code path} (required), {@code synchronous} ({@code normal}),
 * {@code busyTimeout} (5s), {@code fullText} (false), {@code indexedFields} (none: comma-separated field
 * keys indexed for equality queries), and the options of every store destination ({@link StoreOptions}:
 * {@code batchSize}, {@code batchTime}, {@code maxAge}, {@code maxRows}, {@code retentionInterval},
 * {@code indexes}, here default {@code level,correlation}: none, all, or some of level, logger, thread,
 * correlation). Registered for {@link java.util.ServiceLoader}.
 */
public final class SqliteSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = StoreOptions.keysWith("type", "level", "path", "synchronous", "busyTimeout",
            "fullText", "indexedFields", "cacheSize");

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
        Duration busyTimeout = options.duration("busyTimeout", SqliteSettings.DEFAULT_BUSY_TIMEOUT);
        if (busyTimeout.toMillis() > Integer.MAX_VALUE) {
            throw options.bad("busyTimeout", options.string("busyTimeout", ""), "a duration below 24 days");
        }
        long cache = options.bytes("cacheSize", SqliteSettings.DEFAULT_CACHE_BYTES);
        if (cache < SqliteSettings.MIN_CACHE_BYTES || cache > SqliteSettings.MAX_CACHE_BYTES) {
            throw options.bad("cacheSize", options.string("cacheSize", ""), "a size from 1MB to 4GB (the seed's 64MB, say)");
        }
        StoreOptions common = StoreOptions.read(options, Indexes.OPTIONAL.keySet(), Indexes.DEFAULT, null);
        return new SqliteSettings(path, synchronous, common.batchSize(), common.batchTime(), busyTimeout,
                options.bool("fullText", false), common.retention(), common.retentionInterval(),
                indexedFields(options), common.indexes(), cache);
    }

    private static List<String> indexedFields(Options options) {
        List<String> keys = new ArrayList<>();
        for (String key : options.string("indexedFields", "").split(",")) {
            if (!key.isBlank() && !Indexes.isIndexableKey(key.strip())) {
                throw options.bad("indexedFields", options.string("indexedFields"),
                        "a comma-separated list of field keys, each " + Indexes.INDEXABLE_KEY_RULE);
            }
            if (!key.isBlank()) {
                keys.add(key.strip());
            }
        }
        return keys;
    }
}
