package dev.spool.jdk;

import dev.spool.Spool;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@link System.LoggerFinder} that routes {@code System.getLogger} into Spool; the JDK finds it
 * through {@code META-INF/services/java.lang.System$LoggerFinder} (or {@code provides} on the module path)
 * the first time any code asks for a platform logger.
 *
 * <p>One logger per name, over {@link Spool#logger(String)}, whatever module asks: Spool's levels and
 * routes are per logger name. Thread-safe; a lookup of an existing logger takes no lock. Nothing is
 * configured when the JDK loads it: Spool configures itself on the first logger request.
 */
public final class SpoolLoggerFinder extends System.LoggerFinder {

    private final ConcurrentMap<String, SpoolSystemLogger> loggers = new ConcurrentHashMap<>();

    /** Called by the JDK's service loader. */
    public SpoolLoggerFinder() {
    }

    /**
     * The logger named {@code name}.
     *
     * @throws NullPointerException if {@code name} or {@code module} is null, as the JDK's contract says
     */
    @Override
    public System.Logger getLogger(String name, Module module) {
        if (name == null || module == null) {
            throw new NullPointerException(name == null ? "name" : "module");
        }
        SpoolSystemLogger existing = loggers.get(name);
        if (existing != null) {
            return existing;
        }
        // Made outside the map's lock: the first Spool.logger call may configure Spool, and a
        // destination's own code (JMX, a driver) may ask for a platform logger while that happens.
        SpoolSystemLogger created = new SpoolSystemLogger(name, Spool.logger(name));
        SpoolSystemLogger raced = loggers.putIfAbsent(name, created);
        return raced != null ? raced : created;
    }
}
