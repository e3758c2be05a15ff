package dev.spool.internal.pipeline;

import dev.spool.spi.EventKind;

import dev.spool.Level;
import dev.spool.OverflowPolicy;
import dev.spool.spi.Arguments;
import dev.spool.spi.KeyValues;
import dev.spool.spi.LogRoute;

/**
 * What a pipeline decided, at start-up, for one logger name: its level from the configuration, its
 * overflow policy, and the destinations its events go to with each one's minimum level. Immutable;
 * loggers hold one and events carry it to the writer, so nothing is looked up per event.
 */
final class Route implements LogRoute {

    private final Publisher publisher;
    private final String loggerName;
    private final int configuredLevel;
    private final int configuredPrefixLength;
    final OverflowPolicy policy;
    private final Destination[] destinations;
    private final int[] minLevels;

    /**
     * @param configuredLevel        the level ordinal of the most specific matching route
     * @param configuredPrefixLength the length of that route's logger prefix, -1 if none matched
     * @param minLevels              per destination, the lowest level ordinal it takes
     */
    Route(Publisher publisher, String loggerName, int configuredLevel, int configuredPrefixLength,
          OverflowPolicy policy, Destination[] destinations, int[] minLevels) {
        this.publisher = publisher;
        this.loggerName = loggerName;
        this.configuredLevel = configuredLevel;
        this.configuredPrefixLength = configuredPrefixLength;
        this.policy = policy;
        this.destinations = destinations;
        this.minLevels = minLevels;
    }

    @Override
    public int threshold(Level override, int overridePrefixLength) {
        if (destinations.length == 0) {
            return Level.OFF;
        }
        int level = override != null && overridePrefixLength >= configuredPrefixLength
                ? override.ordinal() : configuredLevel;
        int lowestDestination = Level.OFF;
        for (int min : minLevels) {
            lowestDestination = Math.min(lowestDestination, min);
        }
        return Math.max(level, lowestDestination);
    }

    @Override
    public boolean log(Level level, String pattern, int argc, Object a0, Object a1, Object[] args,
                       Throwable thrown, KeyValues fields) {
        Capture capture = Capture.acquire();
        try {
            capture.begin(loggerName, publisher.resource, level);
            Throwable trailing = capture.format(pattern, argc, a0, a1, args, publisher.maxMessageChars);
            capture.attach(thrown != null ? thrown : trailing, fields);
            return publisher.publish(capture, this);
        } finally {
            capture.free();
        }
    }

    @Override
    public boolean log(Level level, String pattern, int kind, long longValue, double doubleValue) {
        Capture capture = Capture.acquire();
        try {
            capture.begin(loggerName, publisher.resource, level);
            capture.formatPrimitive(pattern, kind, longValue, doubleValue, publisher.maxMessageChars);
            return publisher.publish(capture, this);
        } finally {
            capture.free();
        }
    }

    @Override
    public boolean log(Level level, String pattern, Arguments args, Throwable thrown, KeyValues fields) {
        Capture capture = Capture.acquire();
        try {
            capture.begin(loggerName, publisher.resource, level);
            Throwable trailing = capture.format(pattern, args, publisher.maxMessageChars);
            capture.attach(thrown != null ? thrown : trailing, fields);
            return publisher.publish(capture, this);
        } finally {
            capture.free();
        }
    }

    @Override
    public boolean metric(String name, double value, String unit, KeyValues tags) {
        Capture capture = Capture.acquire();
        try {
            capture.begin(loggerName, publisher.resource, Level.INFO);
            capture.metric(name, value, unit, tags);
            return publisher.publish(capture, this);
        } finally {
            capture.free();
        }
    }

    @Override
    public void countAfterShutdown() {
        publisher.countAfterShutdown();
    }

    /** Writer: hands the event to each destination whose minimum level it meets. */
    void dispatch(Slot event) {
        if (event.kind == EventKind.LEDGER) {
            dispatchLedger(event);
            return;
        }
        int level = event.level.ordinal();
        for (int i = 0; i < destinations.length; i++) {
            if (level >= minLevels[i]) {
                destinations[i].write(event);
            }
        }
    }

    /** A ledger passed on by a relay goes only where ledgers are carried, and counts as no event. */
    private void dispatchLedger(Slot event) {
        for (Destination d : destinations) {
            if (d.acceptsLedgers()) {
                d.writeLedger(event);
            }
        }
    }
}
