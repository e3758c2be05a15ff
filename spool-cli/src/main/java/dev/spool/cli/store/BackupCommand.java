package dev.spool.cli.store;

import dev.spool.store.LogStores;
import dev.spool.store.StoreException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code spool backup}: a consistent copy of a SQLite store while its writers go on (SQLite's
 * {@code VACUUM INTO}), checked with {@code PRAGMA integrity_check}; never overwrites.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Copy a SQLite store to a new file while writers go on, and check the copy.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool backup --db logs/spool.db --to backups/spool-2026-12-05.db",
            "",
            "The copy is one snapshot (what writers commit after it began is not in",
            "it), compact, and checked with PRAGMA integrity_check before it says ok.",
            "An existing --to file is never overwritten. For PostgreSQL use pg_dump.",
            "",
            "Exit codes: 0 copied and checked; 1 the store could not be read or the",
            "copy failed (nothing is left at --to); 2 usage error (--to exists)."})
public final class BackupCommand implements Callable<Integer> {

    @Mixin
    StoreLocationOptions where;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "The new file; must not exist.")
    Path to;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (Files.exists(to)) {
            throw new ParameterException(spec.commandLine(), "bad value '" + to + "' for --to: the file exists;"
                    + " a backup never overwrites, choose a new path");
        }
        StoreLocation location = where.location();
        try {
            String done = LogStores.backup(location.url(), to);
            spec.commandLine().getOut().println("spool backup: " + done);
            return 0;
        } catch (UnsupportedOperationException e) {
            throw new ParameterException(spec.commandLine(), "spool backup: " + e.getMessage());
        } catch (StoreException e) {
            spec.commandLine().getErr().println("spool backup: " + e.getMessage());
            return 1;
        }
    }
}
