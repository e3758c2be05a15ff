package dev.spool;

import dev.spool.config.ConfigFile;
import dev.spool.spi.LogPipeline;
import dev.spool.spi.support.Diagnostics;

import java.time.Duration;
import java.util.Map;

/**
 * The entry point: loggers, configuration, flush, shutdown, levels and stats of the process's pipeline.
 *
 * <p>On first use Spool configures itself from a file found by convention (see
 * {@link ConfigFile#discover()}); with no file, events at INFO and above go to stdout as text. A broken
 * file does not stop the application: Spool prints the error on stderr and uses that console default.
 * All methods are thread-safe.
 */
public final class Spool {

    private static final LoggerRegistry REGISTRY = new LoggerRegistry();
    private static final Duration FOREVER = Duration.ofDays(365);
    /** Logger name prefix of metric samples: a route for {@code metrics} receives all of them. */
    public static final String METRICS_PREFIX = "metrics.";
    private static final Map<String, Logger> METRIC_LOGGERS = new java.util.concurrent.ConcurrentHashMap<>();
    private static boolean starting; // guarded by Spool.class
    private static final PipelineStats NO_STATS =
            new PipelineStats("none", 0, 0, java.util.Map.of(), 0, 0, 0, 0, java.util.List.of());

    private Spool() {
    }

    /** The logger named {@code name} (created on first request, then the same instance). */
    public static Logger logger(String name) {
        return REGISTRY.get(name == null ? "" : name, Spool::pipeline);
    }

    /** The logger named after {@code type}'s fully qualified name. */
    public static Logger logger(Class<?> type) {
        return logger(type.getName());
    }

    /** The names of the loggers made so far, sorted (the root is the empty name); a snapshot. */
    public static java.util.SortedSet<String> loggerNames() {
        return REGISTRY.names();
    }

    /**
     * Starts a pipeline for {@code config}, moves every logger to it, then drains and closes the previous
     * one. Events logged during the switch go to one or the other, none is lost.
     *
     * @throws IllegalStateException if a destination cannot be opened (the previous pipeline stays)
     */
    public static void configure(SpoolConfig config) {
        LogPipeline previous;
        synchronized (Spool.class) {
            starting = true; // a destination that logs while it opens must not start another pipeline
            try {
                previous = REGISTRY.swap(LogPipeline.start(config));
            } finally {
                starting = false;
            }
        }
        REGISTRY.pipeline().registerJmx();
        if (previous != null) {
            previous.shutdown(previous.config().shutdownTimeout());
        }
    }

    /** Waits until every event logged before this call has reached its destinations. */
    public static boolean flush() {
        return flush(FOREVER);
    }

    /** As {@link #flush()}, giving up after {@code timeout}; returns whether everything was written. */
    public static boolean flush(Duration timeout) {
        LogPipeline p = REGISTRY.pipeline();
        return p == null || p.flush(timeout); // nothing was ever logged: nothing to wait for
    }

    /** Drains (for the configured shutdown timeout) and closes the pipeline; see {@link #shutdown(Duration)}. */
    public static PipelineStats shutdown() {
        LogPipeline p = REGISTRY.pipeline();
        return shutdown(p == null ? Duration.ZERO : p.config().shutdownTimeout());
    }

    /**
     * Stops accepting events, writes what is queued for at most {@code timeout}, closes the destinations
     * and prints on stderr how many events were not written, if any. Events logged afterwards are counted
     * as dropped ({@code after_shutdown}) until {@link #configure} starts a new pipeline.
     *
     * @return the final stats
     */
    public static PipelineStats shutdown(Duration timeout) {
        LogPipeline p = REGISTRY.pipeline();
        if (p == null) { // never started: start nothing just to stop it
            return NO_STATS;
        }
        return p.shutdown(timeout);
    }

    /** Sets the level of {@code loggerPrefix} and every logger under it, effective at once; null clears. */
    public static void setLevel(String loggerPrefix, Level level) {
        REGISTRY.setLevel(loggerPrefix == null ? "" : loggerPrefix, level);
    }

    /**
     * Records a metric sample, such as {@code Spool.metric("request_duration", 45.2, "ms")}. It travels
     * the pipeline as an INFO event of kind metric from the logger {@code metrics.NAME}, so a route with
     * the prefix {@code metrics} sends all metrics to chosen destinations (a JSON file, the SQLite store).
     * A null or blank name is recorded as {@code unnamed}.
     */
    public static void metric(String name, double value, String unit) {
        metricLogger(name).emitMetric(name, value, unit, null);
    }

    /** As {@link #metric(String, double, String)}, with tags (written as the event's fields). */
    public static void metric(String name, double value, String unit, Map<String, String> tags) {
        metricLogger(name).emitMetric(name, value, unit, Fields.of(tags));
    }

    private static Logger metricLogger(String name) {
        if (name == null || name.isBlank()) {
            name = "unnamed"; // never throw into the caller, even for a programming error
        }
        Logger logger = METRIC_LOGGERS.get(name);
        return logger != null ? logger : METRIC_LOGGERS.computeIfAbsent(name, n -> logger(METRICS_PREFIX + n));
    }

    /** Puts {@code id} into the thread's context as {@code correlation_id} until the scope is closed. */
    public static Context.Scope correlationId(String id) {
        return Context.scoped(Context.CORRELATION_ID, id);
    }

    /** A consistent snapshot of the current pipeline's counters. */
    public static PipelineStats stats() {
        LogPipeline p = pipeline();
        return p == null ? NO_STATS : p.stats();
    }

    private static LogPipeline pipeline() {
        LogPipeline p = REGISTRY.pipeline();
        if (p != null) {
            return p;
        }
        synchronized (Spool.class) {
            p = REGISTRY.pipeline();
            if (p != null || starting) {
                // starting: this thread is inside the start below (a destination's driver, JMX or JUL
                // initialisation asking for a logger). Loggers made now stay off until the start
                // completes and binds them; starting a second pipeline here would leak the first.
                return p;
            }
            starting = true;
            try {
                p = startAutomatically();
                REGISTRY.swap(p);
            } finally {
                starting = false;
            }
        }
        p.registerJmx();
        return p;
    }

    private static LogPipeline startAutomatically() {
        try {
            return LogPipeline.start(autoConfiguration());
        } catch (RuntimeException e) {
            Diagnostics.info("configuration error: " + e.getMessage() + "; logging to the console at INFO instead");
            return LogPipeline.start(SpoolConfig.defaults());
        }
    }

    private static SpoolConfig autoConfiguration() {
        try {
            java.util.Optional<SpoolConfig> forwarding = dev.spool.forward.Forwarding.fromEnvironment();
            if (forwarding.isPresent()) {
                return forwarding.get(); // a parent that set $SPOOL_FORWARD decides where this worker logs
            }
            return ConfigFile.discover().orElseGet(SpoolConfig::defaults);
        } catch (RuntimeException e) {
            Diagnostics.info("configuration error: " + e.getMessage()
                    + "; logging to the console at INFO instead");
            return SpoolConfig.defaults();
        }
    }
}
