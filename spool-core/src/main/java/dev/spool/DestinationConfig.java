package dev.spool;

import dev.spool.spi.SinkFactory;

/**
 * A named destination: its type (for messages and stats), the factory that opens its sink when a
 * pipeline starts (options were validated when the factory was made), and a minimum level applied to
 * every event sent to it, whichever route sends it.
 */
public record DestinationConfig(String name, String type, SinkFactory factory, Level minLevel) {

    /** Validates the destination. */
    public DestinationConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("destination name must not be empty");
        }
        if (type == null || factory == null) {
            throw new IllegalArgumentException("destination." + name + ": type and factory are required");
        }
        if (minLevel == null) {
            minLevel = Level.TRACE;
        }
    }
}
