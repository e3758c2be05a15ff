package dev.spool.consumer;

import dev.spool.postgres.PostgresStore;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.StoreWriter;

import java.nio.file.Path;

/**
 * The store a consumer commits to, as the user names it: {@code postgresql://HOST:PORT/DATABASE}
 * (or {@code jdbc:postgresql://...}) or {@code sqlite:FILE}.
 */
final class StoreTarget {

    private static final String EXPECTED = "expected postgresql://HOST:PORT/DATABASE (for example"
            + " postgresql://127.0.0.1:5432/spool) or sqlite:FILE (for example sqlite:logs/spool.db)";

    private StoreTarget() {
    }

    /** @throws IllegalArgumentException when {@code url} names no store this consumer can write */
    static String check(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("missing store: " + EXPECTED);
        }
        boolean postgres = url.startsWith("postgresql://") || url.startsWith("jdbc:postgresql://");
        boolean sqlite = url.startsWith("sqlite:") && url.length() > "sqlite:".length();
        if (!postgres && !sqlite) {
            throw new IllegalArgumentException("bad value '" + ConsumerSettings.redact(url) + "' for store: " + EXPECTED);
        }
        return url;
    }

    /**
     * Opens a writer on the store; the caller closes it.
     *
     * @throws dev.spool.store.StoreException when the store cannot be opened, saying whether it may later
     */
    static StoreWriter open(String url) {
        return url.startsWith("sqlite:") ? SqliteStore.writer(Path.of(url.substring("sqlite:".length())))
                : PostgresStore.writer(url);
    }
}
