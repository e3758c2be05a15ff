package dev.spool.spi;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;

/**
 * Read-only view of one event, handed to formats and sinks on the writer thread.
 *
 * <p>A view is valid only during the call it is passed to: the pipeline reuses the storage behind it.
 * A sink that needs an event later must copy what it needs.
 */
public interface LogEvent {

    /** High 64 bits of the event id (see {@link dev.spool.EventId}). */
    long idHigh();

    /** Low 64 bits of the event id. */
    long idLow();

    /** Wall-clock time the event was logged, in microseconds since the epoch (UTC). */
    long timestampMicros();

    Level level();

    /** Logger name, the "layer". */
    String logger();

    String threadName();

    long threadId();

    /** The formatted message, placeholders already substituted. Never null. */
    CharSequence message();

    /** Number of structured fields attached with {@code kv(...)}. */
    int fieldCount();

    String fieldKey(int index);

    /** A String, Number (Long, Integer, Double, ...) or Boolean. */
    Object fieldValue(int index);

    /** The thread context in force when the event was logged. Never null. */
    ContextMap context();

    /** The exception attached to the event, or null. */
    Throwable throwable();

    /** Service, host and pid of the process that logged the event. */
    Resource resource();

    /** A log line, or a metric sample whose tags are its fields. */
    default EventKind kind() {
        return EventKind.LOG;
    }

    /** The metric's name, for {@link EventKind#METRIC} events; null otherwise. */
    default String metricName() {
        return null;
    }

    /** The metric's value, for {@link EventKind#METRIC} events; NaN otherwise. */
    default double metricValue() {
        return Double.NaN;
    }

    /** The metric's unit (may be empty), for {@link EventKind#METRIC} events; null otherwise. */
    default String metricUnit() {
        return null;
    }

    /** The ledger, for {@link EventKind#LEDGER} events; null otherwise. */
    default Ledger ledger() {
        return null;
    }
}
