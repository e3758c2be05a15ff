package dev.spool;

import java.util.List;

/**
 * A route (a "layer"): events from loggers whose name starts with {@code loggerPrefix} (on a dot
 * boundary; the empty prefix is the root) go to {@code targets}.
 *
 * <p>The most specific matching route sets a logger's level and overflow policy. With {@code additive}
 * true (the default, as in Logback) an event also reaches the targets of the less specific routes that
 * match, up to the first non-additive one.
 *
 * @param name     the route's name in the configuration, used in errors and stats
 * @param overflow null to inherit from the enclosing route (the root's default is {@code block})
 */
public record RouteConfig(String name, String loggerPrefix, Level level, List<Target> targets,
                          boolean additive, OverflowPolicy overflow) {

    /** Validates the route. */
    public RouteConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("route name must not be empty");
        }
        if (loggerPrefix == null) {
            throw new IllegalArgumentException("route." + name + ".logger must be set (empty for the root)");
        }
        if (level == null) {
            throw new IllegalArgumentException("route." + name + ".level must be set");
        }
        targets = List.copyOf(targets);
    }

    /** Whether a logger named {@code loggerName} belongs to this route. */
    public boolean matches(String loggerName) {
        return loggerPrefix.isEmpty() || loggerName.equals(loggerPrefix)
                || (loggerName.startsWith(loggerPrefix) && loggerName.charAt(loggerPrefix.length()) == '.');
    }

    /** A destination reached by a route, with its own minimum level (TRACE lets everything through). */
    public record Target(String destination, Level minLevel) {
        /** Validates the target. */
        public Target {
            if (destination == null || destination.isBlank()) {
                throw new IllegalArgumentException("target destination must not be empty");
            }
            if (minLevel == null) {
                minLevel = Level.TRACE;
            }
        }
    }
}
