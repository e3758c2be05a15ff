package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.cli.SpoolCommand;
import dev.spool.store.LogQuery;
import dev.spool.store.LogStore;
import dev.spool.store.NameCount;
import dev.spool.store.Stats;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * {@code spool errors}: the loggers with the most ERROR and FATAL events. The command example of
 * docs/EXTENDING.md (registered by its test, not in SpoolCommand).
 */
@Command(name = "errors", mixinStandardHelpOptions = true,
        description = "The loggers with the most ERROR and FATAL events.",
        footerHeading = "%nExamples:%n",
        footer = {
            "  spool errors --db logs/spool.db --since 1h     the last hour",
            "",
            "Exit codes: 0 success, 1 the store could not be read, 2 usage error."})
public final class ErrorsCommand implements Callable<Integer> {

    @Mixin
    StoreOptions store;

    @Option(names = "--since", paramLabel = "TIME", description = "From TIME: 15m, 1h, 7d or an instant.")
    String since;

    @Option(names = "--top", defaultValue = "5", paramLabel = "N", description = "How many loggers (default: ${DEFAULT-VALUE}).")
    int top;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (top < 1 || top > 1_000) {
            throw new ParameterException(spec.commandLine(), "bad value " + top + " for --top: expected 1 to 1000");
        }
        LogQuery errors = filter(); // usage errors before the store is opened
        Stats stats;
        try (LogStore logs = store.open()) {
            stats = logs.stats(errors, Duration.ofHours(1), top);
        }
        PrintWriter out = spec.commandLine().getOut();
        for (NameCount logger : stats.loggers()) {
            out.printf("%8d  %s%n", logger.count(), logger.name());
        }
        out.flush();
        return SpoolCommand.OK;
    }

    private LogQuery filter() {
        try {
            LogQuery.Builder b = LogQuery.builder().levelAtLeast(Level.ERROR);
            return (since == null ? b : b.since(since)).build();
        } catch (IllegalArgumentException e) { // a bad --since: a usage error naming it, exit code 2
            throw new ParameterException(spec.commandLine(), "bad value '" + since + "' for --since: " + e.getMessage());
        }
    }
}
