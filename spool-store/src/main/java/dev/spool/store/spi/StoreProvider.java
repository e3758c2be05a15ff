package dev.spool.store.spi;

import dev.spool.store.LogStore;
import dev.spool.store.StoreWriter;

import java.util.Set;

/**
 * A kind of store, found by {@link java.util.ServiceLoader} through the scheme of a store URL
 * ({@code sqlite:logs/spool.db}, {@code postgresql://127.0.0.1:5432/spool}): register an implementation
 * in {@code module-info.java} ({@code provides dev.spool.store.spi.StoreProvider with ...}) and in
 * {@code META-INF/services/dev.spool.store.spi.StoreProvider}. Users open stores through
 * {@link dev.spool.store.LogStores}, never through a provider directly.
 *
 * <p>Implementations are stateless and thread-safe, with a public no-argument constructor.
 */
public interface StoreProvider {

    /**
     * The URL schemes this provider opens, each without its colon: a URL belongs to the provider whose
     * scheme it starts with, followed by {@code ':'} ({@code sqlite}; {@code postgresql} and
     * {@code jdbc:postgresql}). The longest matching scheme wins.
     */
    Set<String> schemes();

    /**
     * The URL form this provider takes, for messages that list what is accepted, such as
     * {@code sqlite:FILE (for example sqlite:logs/spool.db)}.
     */
    String describe();

    /**
     * Whether {@code url}, which starts with one of {@link #schemes()}, has the form {@link #describe()}
     * says; checks the text only, opens nothing.
     */
    boolean accepts(String url);

    /**
     * Opens the store at {@code url} for queries; the caller closes it.
     *
     * @throws IllegalArgumentException when the URL or one of its parameters is not understood
     * @throws dev.spool.store.StoreException when the store is missing, unreachable or not a Spool store
     */
    LogStore openStore(String url);

    /**
     * Opens a writer into the store at {@code url}, creating or migrating its schema when needed; the
     * caller closes it.
     *
     * @throws IllegalArgumentException when the URL or one of its parameters is not understood
     * @throws dev.spool.store.StoreException when the store cannot be opened, saying whether it may later
     */
    StoreWriter openWriter(String url);

    /**
     * Copies the store at {@code url} into the file {@code target}, consistently while writers go on,
     * and checks the copy; never overwrites. Stores that have no such copy of their own say so (the
     * default): a server database is backed up with its own tools.
     *
     * @return one line saying what was copied, for the user
     * @throws UnsupportedOperationException when this kind of store has no file backup
     * @throws dev.spool.store.StoreException when the copy cannot be made, saying why
     */
    default String backup(String url, java.nio.file.Path target) {
        throw new UnsupportedOperationException("the " + String.join("/", schemes()) + " store has no file backup"
                + " here: use its own tools (for PostgreSQL, pg_dump)");
    }
}
