package dev.spool.postgres;

import dev.spool.store.LogStore;
import dev.spool.store.StoreWriter;
import dev.spool.store.spi.StoreProvider;

import java.util.Set;

/**
 * The PostgreSQL store by URL, {@code postgresql://HOST:PORT/DATABASE} or {@code jdbc:postgresql://...}:
 * what {@code --store} and a consumer's {@code store} open, through {@link dev.spool.store.LogStores}.
 * The URL's {@code indexes} and {@code ingest} parameters are read by the writer ({@link PostgresStore#writer}).
 * Registered for {@link java.util.ServiceLoader}.
 */
public final class PostgresStoreProvider implements StoreProvider {

    /** Made by {@link java.util.ServiceLoader}. */
    public PostgresStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("postgresql", "jdbc:postgresql");
    }

    @Override
    public String describe() {
        return "postgresql://HOST:PORT/DATABASE (for example postgresql://127.0.0.1:5432/spool)";
    }

    /** {@code postgresql://} or {@code jdbc:postgresql://} followed by the rest of the URL. */
    @Override
    public boolean accepts(String url) {
        try {
            Database.jdbcUrl(url);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@link PostgresStore#open} of the URL. */
    @Override
    public LogStore openStore(String url) {
        return PostgresStore.open(url);
    }

    /** {@link PostgresStore#writer} of the URL. */
    @Override
    public StoreWriter openWriter(String url) {
        return PostgresStore.writer(url);
    }
}
