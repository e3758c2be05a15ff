package dev.spool.cli;

import dev.spool.Level;
import dev.spool.Spool;
import dev.spool.SpoolConfig;

import java.util.Map;

/**
 * The CLI's own logging: warnings and errors of the libraries it runs (JDBC drivers, AMQP client) to
 * stderr, nothing to stdout, which carries only what a command prints. Installed before any command runs,
 * so Spool's automatic configuration never happens in the CLI: an application's {@code ./spool.properties},
 * {@code $SPOOL_CONFIG} or {@code $SPOOL_FORWARD} in the directory or environment the CLI is run from is
 * the application's, not the CLI's.
 */
public final class CliLogging {

    private CliLogging() {
    }

    /**
     * Makes the CLI's configuration Spool's, draining whatever pipeline ran before (the demo installs it
     * again after its own). Blocks until the previous pipeline is drained.
     */
    public static void install() {
        Spool.configure(SpoolConfig.builder().name("spool-cli").service("spool-cli")
                .destination("stderr", "console", Map.of("target", "stderr"))
                .route("root", "", Level.WARN, "stderr")
                .jmx(false)
                .build());
    }
}
