package dev.spool.slf4j;

import dev.spool.Context;
import dev.spool.ContextMap;
import org.slf4j.spi.MDCAdapter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * SLF4J's MDC over Spool's {@link Context}: what is put in the MDC is attached to every event the
 * thread logs, whichever API logs it.
 *
 * <p>A null value removes the key (Spool's context holds no nulls). A null key makes {@link #put} throw
 * {@link IllegalArgumentException}, as SLF4J's own MDC does, and is ignored elsewhere. The per-key deques ({@code MDC.pushByKey}) are kept in their own per-thread map,
 * apart from the context: they are not attached to events and {@link #clear()} leaves them alone.
 */
final class SpoolMdcAdapter implements MDCAdapter {

    private static final ThreadLocal<Map<String, Deque<String>>> DEQUES = ThreadLocal.withInitial(HashMap::new);

    @Override
    public void put(String key, String value) {
        if (key == null) {
            throw new IllegalArgumentException("MDC key must not be null");
        }
        Context.put(key, value);
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

    /** A mutable copy of the thread's context; empty, never null. */
    @Override
    public Map<String, String> getCopyOfContextMap() {
        return new HashMap<>(Context.current().toMap());
    }

    /** Replaces the thread's whole context; entries with a null key or value are skipped. */
    @Override
    public void setContextMap(Map<String, String> contextMap) {
        ContextMap map = ContextMap.EMPTY;
        if (contextMap != null) {
            for (Map.Entry<String, String> entry : contextMap.entrySet()) {
                if (entry.getKey() != null) {
                    map = map.with(entry.getKey(), entry.getValue());
                }
            }
        }
        Context.set(map);
    }

    /** Pushes {@code value} on the thread's deque for {@code key}; a null key or value is ignored. */
    @Override
    public void pushByKey(String key, String value) {
        if (key != null && value != null) {
            DEQUES.get().computeIfAbsent(key, k -> new ArrayDeque<>()).push(value);
        }
    }

    @Override
    public String popByKey(String key) {
        Deque<String> deque = key == null ? null : DEQUES.get().get(key);
        return deque == null ? null : deque.poll();
    }

    @Override
    public Deque<String> getCopyOfDequeByKey(String key) {
        Deque<String> deque = key == null ? null : DEQUES.get().get(key);
        return deque == null ? null : new ArrayDeque<>(deque);
    }

    @Override
    public void clearDequeByKey(String key) {
        if (key != null) {
            DEQUES.get().remove(key);
        }
    }
}
