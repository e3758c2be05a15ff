package dev.spool.log4j;

import dev.spool.Context;
import dev.spool.ContextMap;
import org.apache.logging.log4j.spi.ThreadContextMap;

import java.util.HashMap;
import java.util.Map;

/**
 * The Log4j {@code ThreadContext} map over Spool's {@link Context}: what is put with
 * {@code ThreadContext.put} is attached to every event the thread logs, whichever API logs it, and
 * what SLF4J's MDC or {@code Spool.correlationId} put is visible here.
 *
 * <p>Differences from Log4j's default map, because Spool's context holds no nulls: a null value removes
 * the key, and a null key is ignored. Like Log4j's default, the map is not inherited by threads the
 * thread starts.
 */
final class SpoolThreadContextMap implements ThreadContextMap {

    @Override
    public void put(String key, String value) {
        if (key != null) {
            Context.put(key, value);
        }
    }

    @Override
    public String get(String key) {
        return key == null ? null : Context.get(key);
    }

    @Override
    public void remove(String key) {
        if (key != null) {
            Context.remove(key);
        }
    }

    @Override
    public void clear() {
        Context.clear();
    }

    @Override
    public boolean containsKey(String key) {
        return get(key) != null;
    }

    /** A mutable copy of the thread's context; empty, never null. */
    @Override
    public Map<String, String> getCopy() {
        return new HashMap<>(Context.current().toMap());
    }

    /** An unmodifiable copy of the thread's context, or null when it is empty. */
    @Override
    public Map<String, String> getImmutableMapOrNull() {
        ContextMap current = Context.current();
        return current.isEmpty() ? null : current.toMap();
    }

    @Override
    public boolean isEmpty() {
        return Context.current().isEmpty();
    }
}
