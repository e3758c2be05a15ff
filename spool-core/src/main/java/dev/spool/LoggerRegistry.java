package dev.spool;

import dev.spool.spi.LogPipeline;
import dev.spool.spi.LogRoute;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All loggers of the process, the pipeline they are bound to, and the runtime level overrides.
 * Creation, rebinding and level changes are serialized on the registry; lookups of existing loggers
 * take no lock.
 */
final class LoggerRegistry {

    private final Map<String, Logger> loggers = new ConcurrentHashMap<>();
    private final Map<String, Level> overrides = new ConcurrentHashMap<>();
    private volatile LogPipeline pipeline;

    LogPipeline pipeline() {
        return pipeline;
    }

    Logger get(String name, java.util.function.Supplier<LogPipeline> init) {
        Logger existing = loggers.get(name);
        if (existing != null) {
            return existing;
        }
        if (pipeline == null) {
            init.get();
        }
        synchronized (this) {
            return loggers.computeIfAbsent(name, n -> bind(new Logger(n)));
        }
    }

    java.util.SortedSet<String> names() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(loggers.keySet()));
    }

    /** Binds every logger to {@code next}; returns the pipeline it replaces (or null). */
    synchronized LogPipeline swap(LogPipeline next) {
        LogPipeline previous = pipeline;
        pipeline = next;
        loggers.values().forEach(this::bind);
        return previous;
    }

    /** Sets (or with null clears) the level of every logger under {@code prefix}; effective at once. */
    synchronized void setLevel(String prefix, Level level) {
        if (level == null) {
            overrides.remove(prefix);
        } else {
            overrides.put(prefix, level);
        }
        for (Logger logger : loggers.values()) {
            if (logger.route != null && matches(prefix, logger.name())) {
                bindThreshold(logger, logger.route);
            }
        }
    }

    /** The levels set at runtime, by prefix (a snapshot). */
    Map<String, Level> overrides() {
        return Map.copyOf(overrides);
    }

    private Logger bind(Logger logger) {
        if (pipeline == null) {
            return logger; // made while the first pipeline starts: stays off until swap() binds it
        }
        LogRoute route = pipeline.route(logger.name());
        logger.route = route;
        bindThreshold(logger, route);
        return logger;
    }

    private void bindThreshold(Logger logger, LogRoute route) {
        String best = null;
        for (String prefix : overrides.keySet()) {
            if (matches(prefix, logger.name()) && (best == null || prefix.length() > best.length())) {
                best = prefix;
            }
        }
        logger.threshold = best == null ? route.threshold(null, -1) : route.threshold(overrides.get(best), best.length());
    }

    private static boolean matches(String prefix, String name) {
        return prefix.isEmpty() || name.equals(prefix)
                || (name.startsWith(prefix) && name.charAt(prefix.length()) == '.');
    }
}
