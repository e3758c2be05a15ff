package dev.spool.cli.store;

import dev.spool.sqlite.SqliteStore;
import dev.spool.store.LogStore;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** Where the store is and how to print: shared by every store command. */
public final class StoreOptions {

    @Option(names = "--db", defaultValue = "logs/spool.db", paramLabel = "FILE",
            description = "SQLite database written by a sqlite destination (default: ${DEFAULT-VALUE}).")
    Path db;

    @Option(names = "--json", description = "One JSON object per line instead of a table, for scripts.")
    boolean json;

    @Option(names = "--no-color", description = "No colors even on a terminal.")
    boolean noColor;

    /** Opens the store; a missing, locked or corrupt file fails with a {@link dev.spool.store.StoreException}. */
    LogStore open() {
        return SqliteStore.open(db);
    }

    /** Colors only on a terminal that supports them, never in JSON, never with --no-color. */
    boolean color() {
        return !json && !noColor && Ansi.AUTO.enabled();
    }
}
