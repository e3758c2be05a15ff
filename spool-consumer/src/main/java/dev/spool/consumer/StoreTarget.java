package dev.spool.consumer;

import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;

/**
 * The store a consumer commits to, as the user names it: any URL a store module on the path takes, through
 * the store SPI ({@link LogStores}): {@code postgresql://HOST:PORT/DATABASE} (or {@code jdbc:postgresql://...})
 * with spool-postgres, {@code sqlite:FILE} with spool-sqlite.
 */
final class StoreTarget {

    private StoreTarget() {
    }

    /** @throws IllegalArgumentException when {@code url} names no store this consumer can write, saying what is */
    static String check(String url) {
        LogStores.check(url, "store");
        return url;
    }

    /**
     * Opens a writer on the store; the caller closes it.
     *
     * @throws dev.spool.store.StoreException when the store cannot be opened, saying whether it may later
     */
    static StoreWriter open(String url) {
        return LogStores.openWriter(url);
    }
}
