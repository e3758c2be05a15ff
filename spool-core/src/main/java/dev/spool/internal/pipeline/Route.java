package dev.spool.internal.pipeline;

import dev.spool.Level;
import dev.spool.OverflowPolicy;

/**
 * What a pipeline decided, at start-up, for one logger name: its level from the configuration, its
 * overflow policy, and the destinations its events go to with each one's minimum level. Immutable;
 * loggers hold one and events carry it to the writer, so nothing is looked up per event.
 */
public final class Route {

    final Pipeline pipeline;
    final int configuredLevel;
    final int configuredPrefixLength;
    final OverflowPolicy policy;
    final Destination[] destinations;
    final int[] minLevels;

    Route(Pipeline pipeline, int configuredLevel, int configuredPrefixLength, OverflowPolicy policy,
          Destination[] destinations, int[] minLevels) {
        this.pipeline = pipeline;
        this.configuredLevel = configuredLevel;
        this.configuredPrefixLength = configuredPrefixLength;
        this.policy = policy;
        this.destinations = destinations;
        this.minLevels = minLevels;
    }

    /** The pipeline this route belongs to. */
    public Pipeline pipeline() {
        return pipeline;
    }

    /**
     * The threshold (a {@link Level} ordinal, or {@link Level#OFF}) a logger should use: the configured
     * level, or a runtime override when that override's prefix is at least as specific as the route's;
     * raised to the lowest destination minimum, and OFF when no destination would take anything.
     *
     * @param override          overriding level or null
     * @param overridePrefixLen length of the override's logger prefix
     */
    public int threshold(Level override, int overridePrefixLen) {
        if (destinations.length == 0) {
            return Level.OFF;
        }
        int level = override != null && overridePrefixLen >= configuredPrefixLength
                ? override.ordinal() : configuredLevel;
        int lowestDestination = Level.OFF;
        for (int min : minLevels) {
            lowestDestination = Math.min(lowestDestination, min);
        }
        return Math.max(level, lowestDestination);
    }
}
