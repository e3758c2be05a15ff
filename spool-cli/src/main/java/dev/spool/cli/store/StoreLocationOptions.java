package dev.spool.cli.store;

import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Which store a command reads: {@code --db FILE} or {@code --store URL}. Shared by the store commands and serve. */
public final class StoreLocationOptions {

    @Option(names = "--db", defaultValue = "logs/spool.db", paramLabel = "FILE",
            description = "SQLite database written by a sqlite destination (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--store", paramLabel = "URL",
            description = "The store by URL instead of --db: postgresql://HOST:PORT/DATABASE or sqlite:FILE.")
    String store;

    /**
     * The store named, {@code --store} when given, else {@code --db}.
     *
     * @throws IllegalArgumentException naming the option when the URL is unknown
     */
    public StoreLocation location() {
        return StoreLocation.of(store, store == null ? db : null);
    }
}
