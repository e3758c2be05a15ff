package dev.spool.spi;

import java.io.Closeable;
import java.io.IOException;

/**
 * A destination: where formatted events go (console, file, database, network).
 *
 * <p>Every method is called from one thread at a time, normally the pipeline's writer thread, so a sink
 * needs no locks of its own. {@link #write} is called once per event and should only buffer;
 * {@link #flush} is called once per batch and hands the buffered data to the operating system or
 * transport. A sink that throws is counted and reported by the pipeline and called again for later
 * batches: it must stay usable after a failure and, if it can, keep data it could not deliver for the
 * next {@link #flush} (reporting that through {@link #hasBacklog()}).
 */
public interface Sink extends Closeable {

    /** Buffers one event. The view is valid only during this call. */
    void write(LogEvent event) throws IOException;

    /** Delivers everything buffered so far. Called at the end of each batch and on retry. */
    void flush() throws IOException;

    /**
     * Whether this sink carries {@link EventKind#LEDGER} events to where they can be audited (a store, a
     * JSON stream a collector reads). False by default: a console or a text file is never given ledgers.
     */
    default boolean acceptsLedgers() {
        return false;
    }

    /** Whether data is held back after a failure and {@link #flush()} should be retried even when idle. */
    default boolean hasBacklog() {
        return false;
    }

    /**
     * Events this sink took in through {@link #write} and still holds, not yet delivered where they go (a
     * forwarder's events the collector has not acknowledged). They are counted as {@code held}, not as
     * {@code written}, in {@link dev.spool.DestinationStats}. Like {@link #health()} it may be called from
     * any thread at any time. 0 by default: most sinks deliver on {@link #flush()}.
     */
    default long heldEvents() {
        return 0;
    }

    /**
     * Destination-specific health for stats, JMX and {@code spool status}: connection state, spool size,
     * last error and so on, as name to a String, Number or Boolean. Unlike the other methods it may be
     * called from any thread at any time, so it must be thread-safe and cheap. Empty by default.
     */
    default java.util.Map<String, Object> health() {
        return java.util.Map.of();
    }

    /** Flushes what it can and releases resources. Called once. */
    @Override
    void close() throws IOException;
}
