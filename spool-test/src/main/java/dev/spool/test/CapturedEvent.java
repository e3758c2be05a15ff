package dev.spool.test;

import dev.spool.Level;

import java.time.Instant;
import java.util.Map;

/**
 * One captured event, copied when Spool wrote it: safe to keep and read from any thread.
 *
 * @param level     the event's level
 * @param logger    the logger's name (the empty string for the root logger)
 * @param thread    the name of the thread that logged it
 * @param message   the formatted message, placeholders substituted
 * @param fields    structured fields in the order they were added: String, Number or Boolean values
 * @param context   the thread context in force when it was logged, in key order
 * @param exception the attached exception, or null
 * @param timestamp when it was logged (microsecond precision)
 */
public record CapturedEvent(Level level, String logger, String thread, String message, Map<String, Object> fields,
                            Map<String, String> context, Throwable exception, Instant timestamp) {

    /** Copies the maps (unmodifiable). */
    public CapturedEvent {
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
        context = Map.copyOf(context);
    }

    /** One line for failure messages: {@code WARN app.db - slow query {ms=812} ctx{request_id=r1} !java.io.IOException: disk}. */
    @Override
    public String toString() {
        StringBuilder line = new StringBuilder().append(level).append(' ').append(logger).append(" - ").append(message);
        if (!fields.isEmpty()) {
            line.append(' ').append(fields);
        }
        if (!context.isEmpty()) {
            line.append(" ctx").append(new java.util.TreeMap<>(context));
        }
        if (exception != null) {
            line.append(" !").append(exception);
        }
        return line.toString();
    }
}
