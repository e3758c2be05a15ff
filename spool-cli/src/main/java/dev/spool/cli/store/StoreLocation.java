package dev.spool.cli.store;

import dev.spool.postgres.PostgresStore;
import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogStore;

import java.nio.file.Path;

/**
 * Which store a command reads, as the user named it: {@code --db FILE} (SQLite) or {@code --store URL}
 * ({@code postgresql://HOST:PORT/DATABASE} or {@code sqlite:FILE}). The commands that read a store
 * ({@code query}, {@code tail}, {@code stats}, {@code metrics}) open it only through here.
 *
 * @param postgres true for a PostgreSQL URL, false for a SQLite file
 * @param target   the URL or the file path
 */
public record StoreLocation(boolean postgres, String target) {

    /**
     * The store named by {@code --store} ({@code store}) or {@code --db} ({@code db}); exactly one is given.
     *
     * @throws IllegalArgumentException naming the option when neither or both are given or the URL is unknown
     */
    public static StoreLocation of(String store, Path db) {
        if ((store == null) == (db == null)) {
            throw new IllegalArgumentException("give the store with exactly one of --db FILE (SQLite) or"
                    + " --store URL (postgresql://HOST:PORT/DATABASE or sqlite:FILE)");
        }
        if (db != null) {
            return new StoreLocation(false, db.toString());
        }
        if (store.startsWith("postgresql://") || store.startsWith("jdbc:postgresql://")) {
            return new StoreLocation(true, store);
        }
        if (store.startsWith("sqlite:") && store.length() > "sqlite:".length()) {
            return new StoreLocation(false, store.substring("sqlite:".length()));
        }
        throw new IllegalArgumentException("bad --store '" + store + "': expected postgresql://HOST:PORT/DATABASE"
                + " (for example postgresql://127.0.0.1:5432/spool) or sqlite:FILE (for example sqlite:logs/spool.db)");
    }

    /**
     * Opens the store for queries; the caller closes it.
     *
     * @throws dev.spool.store.StoreException when it cannot be opened, saying why
     */
    public LogStore open() {
        return postgres ? PostgresStore.open(target) : SqliteStore.open(Path.of(target));
    }

    /** Where the store is, for people: a PostgreSQL URL without its password, or {@code sqlite:FILE}. */
    public String label() {
        return postgres ? PostgresStore.withoutCredentials(target) : "sqlite:" + target;
    }
}
