package dev.spool;

import dev.spool.config.ConfigFile;
import dev.spool.spi.LogPipeline;
import dev.spool.spi.RuntimeControl;
import dev.spool.spi.support.Diagnostics;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

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
    private static final RuntimeControl CONTROL = new SpoolControl(REGISTRY);
    private static final Object RECONFIGURING = new Object();
    /** The file the running configuration was read from; null when it came from code or the default. */
    private static volatile Path configFile;
    private static ConfigWatcher watcher; // guarded by RECONFIGURING
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
     * one. Events logged during the switch go to one or the other, none is lost. Levels set with
     * {@link #setLevel} stay. A configuration given in code has no file: {@link #reload()} then refuses
     * and a file watch started earlier ({@code config.watch}) stops.
     *
     * @throws IllegalStateException if a destination cannot be opened (the previous pipeline stays)
     */
    public static void configure(SpoolConfig config) {
        apply(new ConfigFile.Loaded(config, Optional.empty(), Duration.ZERO));
    }

    /**
     * Reads {@code file} and configures Spool from it as {@link #configure(SpoolConfig)} does; the file is
     * then the one {@link #reload()} reads again, and its {@code config.watch} key, if set, starts checking
     * it for changes.
     *
     * @throws IllegalArgumentException if the file cannot be read or is invalid (nothing changes)
     * @throws IllegalStateException if a destination cannot be opened (the previous pipeline stays)
     */
    public static void configure(Path file) {
        apply(ConfigFile.read(file));
    }

    /**
     * Reads the configuration file again and swaps pipelines as {@link #configure(SpoolConfig)} does:
     * nothing logged meanwhile is lost, and levels set with {@link #setLevel} stay.
     *
     * @return a one-line summary of what was applied
     * @throws IllegalArgumentException if the file is invalid, naming the key, the value and what is
     *         accepted (the running configuration stays)
     * @throws IllegalStateException if the running configuration was not read from a file, or a
     *         destination cannot be opened (the running configuration stays)
     */
    public static String reload() {
        Path file = configFile;
        if (file == null) {
            throw new IllegalStateException("the running configuration was not read from a file (it was given"
                    + " in code, or no file was found): nothing to reload; name one with -Dspool.config=FILE"
                    + " or Spool.configure(Path)");
        }
        ConfigFile.Loaded loaded = ConfigFile.read(file);
        apply(loaded);
        return "reloaded " + file.toAbsolutePath() + ": " + loaded.config().destinations().size()
                + " destinations, " + loaded.config().routes().size() + " routes";
    }

    private static void apply(ConfigFile.Loaded loaded) {
        synchronized (RECONFIGURING) { // one reconfiguration at a time: code, JMX and the file watch
            LogPipeline previous;
            synchronized (Spool.class) {
                starting = true; // a destination that logs while it opens must not start another pipeline
                try {
                    previous = REGISTRY.swap(LogPipeline.start(loaded.config()));
                } finally {
                    starting = false;
                }
            }
            configFile = loaded.file().orElse(null);
            if (previous != null) {
                previous.shutdown(previous.config().shutdownTimeout());
            }
            // after the previous pipeline unregistered its MBean, so the new one takes the same name
            REGISTRY.pipeline().registerJmx(CONTROL);
            watch(loaded);
        }
    }

    /** Starts, keeps, replaces or stops the file watch for the configuration just applied. */
    private static void watch(ConfigFile.Loaded loaded) {
        synchronized (RECONFIGURING) {
            Path file = loaded.file().orElse(null);
            Duration interval = loaded.watchInterval();
            if (watcher != null && watcher.watches(file, interval)) {
                return;
            }
            if (watcher != null) {
                watcher.stop();
                watcher = null;
            }
            if (!interval.isZero()) {
                if (file == null) {
                    Diagnostics.info(ConfigFile.WATCH_KEY + " is ignored: the configuration is not a file of its"
                            + " own (a resource inside a jar); name a file with -Dspool.config=FILE");
                } else {
                    watcher = ConfigWatcher.start(file, interval, Spool::applyChanged);
                }
            }
        }
    }

    /** Applies a changed file for the watch; says on stderr what happened, never throws. */
    private static void applyChanged(Path file) {
        try {
            ConfigFile.Loaded loaded = ConfigFile.read(file);
            apply(loaded);
            Diagnostics.info("configuration reloaded from " + file + " (changed)");
        } catch (RuntimeException e) {
            Diagnostics.info("configuration file " + file + " changed but is not applied, the running"
                    + " configuration stays: " + e.getMessage());
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
        stopWatching();
        LogPipeline p = REGISTRY.pipeline();
        if (p == null) { // never started: start nothing just to stop it
            return NO_STATS;
        }
        return p.shutdown(timeout);
    }

    private static void stopWatching() {
        synchronized (RECONFIGURING) {
            if (watcher != null) {
                watcher.stop();
                watcher = null;
            }
        }
    }

    /**
     * Sets the level of {@code loggerPrefix} and every logger under it, effective at once; null clears.
     * The level stays across {@link #configure} and {@link #reload()} until cleared.
     */
    public static void setLevel(String loggerPrefix, Level level) {
        REGISTRY.setLevel(loggerPrefix == null ? "" : loggerPrefix, level);
    }

    /**
     * The levels in force by logger prefix, sorted ({@code ""} is the root): each route's level of the
     * running configuration, replaced by the level set with {@link #setLevel} for the same prefix, plus
     * the prefixes set with {@link #setLevel} that no route has. A logger takes the level of the longest
     * prefix of its name.
     */
    public static Map<String, Level> levels() {
        Map<String, Level> levels = new TreeMap<>();
        LogPipeline p = REGISTRY.pipeline();
        if (p != null) {
            p.config().routes().forEach(route -> levels.put(route.loggerPrefix(), route.level()));
        }
        levels.putAll(REGISTRY.overrides());
        return levels;
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
        ConfigFile.Loaded loaded;
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
                loaded = autoConfiguration();
                p = startAutomatically(loaded);
                REGISTRY.swap(p);
            } finally {
                starting = false;
            }
        }
        p.registerJmx(CONTROL);
        synchronized (RECONFIGURING) {
            if (REGISTRY.pipeline() == p) { // configure() did not replace it meanwhile
                // also for the console fallback of a broken file: once fixed, reload() reads it
                configFile = loaded.file().orElse(null);
                if (p.config() == loaded.config()) {
                    watch(loaded);
                }
            }
        }
        return p;
    }

    private static LogPipeline startAutomatically(ConfigFile.Loaded loaded) {
        try {
            return LogPipeline.start(loaded.config());
        } catch (RuntimeException e) {
            Diagnostics.info("configuration error: " + e.getMessage() + "; logging to the console at INFO instead");
            return LogPipeline.start(SpoolConfig.defaults());
        }
    }

    private static ConfigFile.Loaded autoConfiguration() {
        try {
            Optional<SpoolConfig> forwarding = dev.spool.forward.Forwarding.fromEnvironment();
            if (forwarding.isPresent()) {
                // a parent that set $SPOOL_FORWARD decides where this worker logs
                return new ConfigFile.Loaded(forwarding.get(), Optional.empty(), Duration.ZERO);
            }
            return ConfigFile.find().orElseGet(Spool::noFile);
        } catch (RuntimeException e) {
            Diagnostics.info("configuration error: " + e.getMessage()
                    + "; logging to the console at INFO instead");
            // the console default, but remembering the broken file so that reload() can read it fixed
            return new ConfigFile.Loaded(SpoolConfig.defaults(), ConfigFile.locate(), Duration.ZERO);
        }
    }

    private static ConfigFile.Loaded noFile() {
        return new ConfigFile.Loaded(SpoolConfig.defaults(), Optional.empty(), Duration.ZERO);
    }
}
