package dev.spool.postgres;

import dev.spool.spi.Options;
import dev.spool.spi.SinkFactory;
import dev.spool.spi.SinkProvider;
import dev.spool.store.jdbc.StoreOptions;

import java.time.Duration;
import java.util.Set;

/**
 * The {@code postgres} destination type: {@code url} (required, {@code postgresql://HOST:PORT/DATABASE};
 * user and password from {@code PGUSER}/{@code PGPASSWORD} or the URL's parameters), {@code ingest}
 * ({@code copy}, {@code stage} or {@code insert}, default copy: the fastest, see docs/postgres.md),
 * {@code fullBatchWait} (30s), {@code maxTextChars} (1000000), and the options of every store destination
 * ({@link StoreOptions}: {@code batchSize}, {@code batchTime}, {@code maxAge}, {@code maxRows},
 * {@code retentionInterval}, {@code indexes}, here default the URL's {@code indexes} parameter, else
 * {@code level}; see {@link Indexes}). Registered for {@link java.util.ServiceLoader}.
 */
public final class PostgresSinkProvider implements SinkProvider {

    private static final Set<String> KEYS = StoreOptions.keysWith("type", "level", "url", "ingest", "fullBatchWait",
            "maxTextChars");

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
        Duration fullBatchWait = options.duration("fullBatchWait", PostgresSettings.DEFAULT_FULL_BATCH_WAIT);
        int maxTextChars = options.integer("maxTextChars", PostgresSettings.DEFAULT_MAX_TEXT_CHARS, 1, 100_000_000);
        StoreOptions common = StoreOptions.read(options, Indexes.OPTIONAL.keySet(), Indexes.DEFAULT,
                Database.parameter(url, Database.INDEXES_PARAMETER));
        return new PostgresSettings(url, ingest, common.batchSize(), common.batchTime(), fullBatchWait, maxTextChars,
                common.retention(), common.retentionInterval(), common.indexes());
    }
}
