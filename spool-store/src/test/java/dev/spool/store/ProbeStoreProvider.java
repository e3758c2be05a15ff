package dev.spool.store;

import dev.spool.store.spi.StoreProvider;

import java.util.Set;

/**
 * A store kind for the lookup tests, {@code probe:NAME}: there is no real store in this module (the
 * SQLite and PostgreSQL ones depend on it), so opening says which provider was asked and fails.
 */
public class ProbeStoreProvider implements StoreProvider {

    private final String scheme;

    public ProbeStoreProvider() {
        this("probe");
    }

    ProbeStoreProvider(String scheme) {
        this.scheme = scheme;
    }

    @Override
    public Set<String> schemes() {
        return Set.of(scheme);
    }

    @Override
    public String describe() {
        return scheme + ":NAME";
    }

    @Override
    public boolean accepts(String url) {
        return url.length() > scheme.length() + 1;
    }

    @Override
    public LogStore openStore(String url) {
        throw new StoreException(scheme + " opened " + url + " for queries");
    }

    @Override
    public StoreWriter openWriter(String url) {
        throw new StoreException(scheme + " opened " + url + " for writing");
    }
}
