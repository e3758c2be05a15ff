package dev.spool.cli.store;

import dev.spool.store.LogStore;
import picocli.CommandLine.Help.Ansi;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where the store is and how to print: shared by every store command. */
public final class StoreOptions {

    @Mixin
    StoreLocationOptions where;

    @Option(names = "--json", description = "One JSON object per line instead of a table, for scripts.")
    boolean json;

    @Option(names = "--no-color", description = "No colors even on a terminal.")
    boolean noColor;

    /**
     * Opens the store, {@code --store} when given, else {@code --db}; a missing, locked or corrupt store fails
     * with a {@link dev.spool.store.StoreException}, a bad URL with an {@link IllegalArgumentException}.
     */
    LogStore open() {
        return where.location().open();
    }

    /** Colors only on a terminal that supports them, never in JSON, never with --no-color. */
    boolean color() {
        return !json && !noColor && Ansi.AUTO.enabled();
    }
}
