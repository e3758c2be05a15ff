package com.example.spool.appstore;

import dev.spool.store.LogStore;
import dev.spool.store.LogStores;
import dev.spool.store.StoreWriter;
import dev.spool.store.spi.StoreProvider;

import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Opens {@code app:NAME} as the SQLite store {@code DIR/NAME.db}, where DIR is the system property
 * {@value #DIR_PROPERTY} (default {@code logs}). Stateless and thread-safe, as the SPI requires.
 */
public final class AppStoreProvider implements StoreProvider {

    /** The directory the stores are in. */
    public static final String DIR_PROPERTY = "app.logs.dir";
    private static final Pattern NAME = Pattern.compile("app:[a-z][a-z0-9-]{0,63}");

    /** Made by {@link java.util.ServiceLoader}. */
    public AppStoreProvider() {
    }

    @Override
    public Set<String> schemes() {
        return Set.of("app");
    }

    @Override
    public String describe() {
        return "app:NAME (for example app:orders; NAME is lower case letters, digits and '-')";
    }

    /** Checks the text only: a name that could climb out of the directory ({@code app:../x}) is refused. */
    @Override
    public boolean accepts(String url) {
        return NAME.matcher(url).matches();
    }

    @Override
    public LogStore openStore(String url) {
        return LogStores.open(sqliteUrl(url));
    }

    @Override
    public StoreWriter openWriter(String url) {
        return LogStores.openWriter(sqliteUrl(url));
    }

    private static String sqliteUrl(String url) {
        Path dir = Path.of(System.getProperty(DIR_PROPERTY, "logs"));
        return "sqlite:" + dir.resolve(url.substring("app:".length()) + ".db");
    }
}
