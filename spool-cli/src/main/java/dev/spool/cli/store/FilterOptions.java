package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.store.LogQuery;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.util.LinkedHashMap;
import java.util.Map;

/** The criteria {@code query}, {@code tail} and {@code stats} share, turned into a {@link LogQuery.Builder}. */
public final class FilterOptions {

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only this level: TRACE, DEBUG, INFO, WARN, ERROR, FATAL.")
    String level;

    @Option(names = "--min-level", paramLabel = "LEVEL", description = "This level and more severe ones (ERROR: ERROR and FATAL).")
    String minLevel;

    @Option(names = "--since", paramLabel = "TIME",
            description = "From TIME: a duration before now (90s, 15m, 1h, 7d) or an instant (2026-11-21T10:00:00Z).")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Before TIME (same forms as --since).")
    String until;

    @Option(names = "--logger", paramLabel = "PREFIX", description = "This logger and its dotted descendants.")
    String logger;

    @Option(names = "--thread", paramLabel = "NAME", description = "Only this thread (exact name).")
    String thread;

    @Option(names = "--correlation-id", paramLabel = "ID", description = "Only events with this correlation id.")
    String correlationId;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "Field equality; repeat for several.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--grep", paramLabel = "TEXT", description = "Messages containing TEXT (ASCII case ignored).")
    String grep;

    /** A builder with these criteria; bad values are usage errors naming the option. */
    LogQuery.Builder builder(CommandSpec spec) {
        LogQuery.Builder b = LogQuery.builder();
        try {
            if (level != null && minLevel != null) {
                throw new IllegalArgumentException("--level and --min-level exclude each other");
            }
            if (level != null) {
                b.level(Level.parse(level));
            }
            if (minLevel != null) {
                b.levelAtLeast(Level.parse(minLevel));
            }
            if (since != null) {
                b.since(since);
            }
            if (until != null) {
                b.until(until);
            }
            b.loggerPrefix(logger).thread(thread).correlationId(correlationId).text(grep);
            fields.forEach(b::field);
            b.build(); // validates the range now, as a usage error
            return b;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
