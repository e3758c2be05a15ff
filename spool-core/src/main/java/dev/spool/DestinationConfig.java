package dev.spool;

import dev.spool.spi.SinkFactory;

/**
 * A named destination: its type (for messages and stats) and the factory that opens its sink when a
 * pipeline starts. Options were validated when the factory was made.
 */
public record DestinationConfig(String name, String type, SinkFactory factory) {

    /** Validates the destination. */
    public DestinationConfig {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("destination name must not be empty");
        }
        if (type == null || factory == null) {
            throw new IllegalArgumentException("destination." + name + ": type and factory are required");
        }
    }
}
