package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.RouteConfig;
import dev.spool.SpoolConfig;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The configured routes, most specific logger prefix first, and the {@link Route} each logger name
 * resolves to. Resolution runs when a logger is made or rebound; events made elsewhere, which arrive by
 * logger name, find their route in a cache.
 */
final class RouteTable {

    private final RouteConfig[] bySpecificity;
    private final SpoolConfig config;
    private final Destinations destinations;
    private final Publisher publisher;
    private final Map<String, Route> cache = new ConcurrentHashMap<>();

    RouteTable(SpoolConfig config, Destinations destinations, Publisher publisher) {
        this.bySpecificity = config.routes().stream()
                .sorted(Comparator.comparingInt((RouteConfig r) -> r.loggerPrefix().length()).reversed())
                .toArray(RouteConfig[]::new);
        this.config = config;
        this.destinations = destinations;
        this.publisher = publisher;
    }

    /**
     * The route of {@code loggerName}: the level of the most specific matching route and its overflow
     * policy (inherited from a less specific one if it has none);
     * the targets of that route and, while routes are additive, of the less specific ones, each
     * destination at the lowest level any of them asks for (never below the destination's own minimum).
     * With no matching route: INFO, {@code block}, no destinations.
     */
    Route resolve(String loggerName) {
        RouteConfig primary = null;
        OverflowPolicy policy = null; // a route without one inherits from the next less specific route
        Map<Destination, Integer> targets = new LinkedHashMap<>();
        for (RouteConfig route : bySpecificity) {
            if (!route.matches(loggerName)) {
                continue;
            }
            primary = primary == null ? route : primary;
            policy = policy == null ? route.overflow() : policy;
            for (RouteConfig.Target t : route.targets()) {
                int min = Math.max(t.minLevel().ordinal(),
                        config.destinations().get(t.destination()).minLevel().ordinal());
                targets.merge(destinations.named(t.destination()), min, Math::min);
            }
            if (!route.additive()) {
                break;
            }
        }
        Destination[] ds = targets.keySet().toArray(new Destination[0]);
        int[] mins = targets.values().stream().mapToInt(Integer::intValue).toArray();
        return new Route(publisher, loggerName, primary == null ? Level.INFO.ordinal() : primary.level().ordinal(),
                primary == null ? -1 : primary.loggerPrefix().length(),
                policy == null ? OverflowPolicy.BLOCK : policy, ds, mins);
    }

    /** The route of {@code loggerName}, resolved once and then kept. */
    Route cached(String loggerName) {
        Route route = cache.get(loggerName);
        return route != null ? route : cache.computeIfAbsent(loggerName, this::resolve);
    }
}
