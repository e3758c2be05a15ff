package dev.spool.cli.store;

import dev.spool.Level;
import dev.spool.store.LogQuery;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;

/** The criteria {@code query}, {@code tail} and {@code stats} share, turned into a {@link LogQuery.Builder}. */
public final class FilterOptions {

    static final String LEVELS = "TRACE, DEBUG, INFO, WARN, ERROR or FATAL";

    @Option(names = "--level", paramLabel = "LEVEL", description = "Only this level: TRACE, DEBUG, INFO, WARN, ERROR, FATAL.")
    String level;

    @Option(names = {"-l", "--min-level"}, paramLabel = "LEVEL", description = "This level and more severe ones (ERROR: ERROR and FATAL).")
    String minLevel;

    @Option(names = {"-s", "--since"}, paramLabel = "TIME",
            description = "From TIME: all, a duration before now (90s, 15m, 1h, 7d), or an ISO-8601 time "
                    + "(2026-11-21T10:00:00Z; without a zone, such as 2026-11-21T10:00, in local time).")
    String since;

    @Option(names = {"-u", "--until"}, paramLabel = "TIME", description = "Before TIME (same forms as --since).")
    String until;

    @Option(names = "--logger", paramLabel = "PREFIX", description = "This logger and its dotted descendants.")
    String logger;

    @Option(names = {"-t", "--thread"}, paramLabel = "NAME", description = "Only this thread (exact name).")
    String thread;

    @Option(names = {"-c", "--correlation-id"}, paramLabel = "ID", description = "Only events with this correlation id.")
    String correlationId;

    @Option(names = "--field", paramLabel = "KEY=VALUE", description = "Field equality; repeat for several.")
    Map<String, String> fields = new LinkedHashMap<>();

    @Option(names = "--context", paramLabel = "KEY=VALUE", description = "Context (MDC) equality; repeat for several.")
    Map<String, String> context = new LinkedHashMap<>();

    @Option(names = "--trace-id", paramLabel = "ID", description = "Only the events of this trace: context trace_id "
            + "(the OpenTelemetry trace id, 32 hex digits, spool-otel-context).")
    String traceId;

    @Option(names = {"-g", "--grep"}, paramLabel = "TEXT", description = "Messages containing TEXT (ASCII case ignored).")
    String grep;

    /** A builder with these criteria; bad values are usage errors naming the option. */
    LogQuery.Builder builder(CommandSpec spec) {
        return builder(spec, true);
    }

    /**
     * A builder with these criteria, without the time range when {@code withTime} is false (to find the newest
     * event the other criteria match, when the range holds none).
     */
    LogQuery.Builder builder(CommandSpec spec, boolean withTime) {
        LogQuery.Builder b = LogQuery.builder();
        try {
            if (level != null && minLevel != null) {
                throw new IllegalArgumentException("--level and --min-level exclude each other");
            }
            if (level != null) {
                b.level(level("--level", level));
            }
            if (minLevel != null) {
                b.levelAtLeast(level("--min-level", minLevel));
            }
            Instant now = Instant.now();
            if (withTime && since != null) {
                b.sinceMicros(TimeArgument.micros("--since", since, now, ZoneId.systemDefault(), Long.MIN_VALUE));
            }
            if (withTime && until != null) {
                b.untilMicros(TimeArgument.micros("--until", until, now, ZoneId.systemDefault(), Long.MAX_VALUE));
            }
            b.loggerPrefix(logger).thread(thread).correlationId(correlationId).text(grep);
            fields.forEach(b::field);
            context.forEach(b::context);
            if (traceId != null) {
                b.context("trace_id", traceId.strip().toLowerCase(java.util.Locale.ROOT));
            }
            b.build(); // validates the range now, as a usage error
            return b;
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Whether a time range was given, so that an empty result may be the range's doing. */
    boolean hasTimeRange() {
        return since != null && !since.isBlank() && !since.trim().equalsIgnoreCase("all") || until != null;
    }

    private static Level level(String option, String text) {
        try {
            return Level.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad value '" + text + "' for " + option + ": expected " + LEVELS);
        }
    }
}
