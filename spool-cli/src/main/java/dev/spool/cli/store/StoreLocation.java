package dev.spool.cli.store;

import dev.spool.store.LogStore;
import dev.spool.store.LogStores;

import java.nio.file.Path;

/**
 * Which store a command reads, as the user named it: {@code --db FILE} (SQLite, the URL
 * {@code sqlite:FILE}) or {@code --store URL}, any URL a store on the class path takes
 * ({@code postgresql://HOST:PORT/DATABASE}, {@code sqlite:FILE}). The commands that read a store
 * ({@code query}, {@code tail}, {@code stats}, {@code metrics}, {@code serve}) open it only through here,
 * and this opens it through the store SPI ({@link LogStores}).
 *
 * @param url the store's URL
 */
public record StoreLocation(String url) {

    /**
     * The store named by {@code --store} ({@code store}) or {@code --db} ({@code db}); exactly one is given.
     *
     * @throws IllegalArgumentException naming the option when neither or both are given or no store takes the URL
     */
    public static StoreLocation of(String store, Path db) {
        if ((store == null) == (db == null)) {
            throw new IllegalArgumentException("give the store with exactly one of --db FILE (SQLite) or"
                    + " --store URL (postgresql://HOST:PORT/DATABASE or sqlite:FILE)");
        }
        String url = db != null ? "sqlite:" + db : store;
        LogStores.check(url, db != null ? "--db" : "--store");
        return new StoreLocation(url);
    }

    /**
     * Opens the store for queries; the caller closes it.
     *
     * @throws dev.spool.store.StoreException when it cannot be opened, saying why
     */
    public LogStore open() {
        return LogStores.open(url);
    }

    /** Where the store is, for people: the URL without its password. */
    public String label() {
        return LogStores.display(url);
    }
}
