package dev.spool.store;

import dev.spool.Level;
import dev.spool.spi.RemoteThrowable;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored log event.
 *
 * @param eventId         the 26-character event id ({@link dev.spool.EventId})
 * @param timestampMicros when it was logged, microseconds since the epoch
 * @param exception       the exception (class, message, stack, causes, suppressed), or null
 * @param fields          structured fields with the types they were logged with: {@link String},
 *                        {@link Long} for integers, {@link Double} for other finite numbers, {@link Boolean},
 *                        or null; NaN and the infinities, and values of other types, as their text
 * @param context         the thread context, {@code correlation_id} among it
 * @param correlationId   the context's {@code correlation_id}, or null
 */
public record LogRecord(String eventId, long timestampMicros, Level level, String logger, String thread,
                        long threadId, String message, RemoteThrowable exception, Map<String, Object> fields,
                        Map<String, String> context, String correlationId, String service, String host,
                        long pid) {

    public LogRecord {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields)); // keeps the order they were logged in
        context = Collections.unmodifiableMap(new LinkedHashMap<>(context)); // keeps the order they were logged in
    }
}
