package dev.spool.sqlite;

import dev.spool.store.LogStore;
import dev.spool.store.StoreWriter;
import dev.spool.store.spi.StoreProvider;

import java.nio.file.Path;
import java.util.Set;

/**
 * The SQLite store by URL, {@code sqlite:FILE}: what {@code --store sqlite:logs/spool.db} and a consumer's
 * {@code store} open, through {@link dev.spool.store.LogStores}. Registered for {@link java.util.ServiceLoader}.
 */
public final class SqliteStoreProvider implements StoreProvider {

    private static final String SCHEME = "sqlite";
    private static final String PREFIX = SCHEME + ":";

    /** Made by {@link java.util.ServiceLoader}. */
    public SqliteStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of(SCHEME);
    }

    @Override
    public String describe() {
        return "sqlite:FILE (for example sqlite:logs/spool.db)";
    }

    /** {@code sqlite:} followed by a file path. */
    @Override
    public boolean accepts(String url) {
        return url.startsWith(PREFIX) && url.length() > PREFIX.length();
    }

    /** {@link SqliteStore#open} of the file. */
    @Override
    public LogStore openStore(String url) {
        return SqliteStore.open(file(url));
    }

    /** {@link SqliteStore#writer} of the file. */
    @Override
    public StoreWriter openWriter(String url) {
        return SqliteStore.writer(file(url));
    }

    /** {@link SqliteStore#backup}: {@code VACUUM INTO}, then {@code PRAGMA integrity_check} of the copy. */
    @Override
    public String backup(String url, Path target) {
        SqliteStore.Backup b = SqliteStore.backup(file(url), target);
        return String.format(java.util.Locale.ROOT, "%,d events and %,d metric samples copied to %s (%,d bytes),"
                + " integrity_check ok", b.events(), b.metricSamples(), b.copy(), b.bytes());
    }

    private Path file(String url) {
        if (!accepts(url)) {
            throw new IllegalArgumentException("bad SQLite store '" + url + "': expected " + describe());
        }
        return Path.of(url.substring(PREFIX.length()));
    }
}
