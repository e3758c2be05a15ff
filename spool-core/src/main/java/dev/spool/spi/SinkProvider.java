package dev.spool.spi;

/**
 * A destination type usable from configuration ({@code destination.NAME.type = TYPE}), found with
 * {@link java.util.ServiceLoader}. Modules that add destinations (SQLite, AMQP, ...) register one.
 */
public interface SinkProvider {

    /** The {@code type} value this provider answers to, such as {@code file}. */
    String type();

    /**
     * Validates the destination's options now, so a bad configuration fails when it is read, and
     * returns the factory the pipeline calls when it starts.
     *
     * @throws IllegalArgumentException naming the key, the bad value and what is accepted
     */
    SinkFactory configure(Options options);
}
