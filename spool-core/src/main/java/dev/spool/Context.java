package dev.spool;

/**
 * Thread-bound context (a mapped diagnostic context): key/values attached to every event the current
 * thread logs, such as a correlation id or a user id.
 *
 * <p>Each thread holds an immutable {@link ContextMap}; {@code put} and {@code remove} replace it, so an
 * event keeps the context it was logged with even if the thread changes it afterwards. Scoped values
 * restore the previous value when closed:
 *
 * <pre>{@code
 * try (Context.Scope s = Spool.correlationId(requestId)) {
 *     log.info("handling");          // carries correlation_id=requestId
 * }                                   // previous value restored
 * }</pre>
 *
 * <p>All methods are thread-safe and affect only the calling thread. Context is not inherited by
 * threads the current thread starts.
 */
public final class Context {

    /** The context key under which {@link Spool#correlationId(String)} stores the correlation id. */
    public static final String CORRELATION_ID = "correlation_id";

    private static final ThreadLocal<ContextMap> CURRENT = ThreadLocal.withInitial(() -> ContextMap.EMPTY);

    private Context() {
    }

    /** The calling thread's current context. Never null. */
    public static ContextMap current() {
        return CURRENT.get();
    }

    /** Replaces the calling thread's whole context (null means empty). */
    public static void set(ContextMap map) {
        CURRENT.set(map == null ? ContextMap.EMPTY : map);
    }

    /** Sets {@code key} to {@code value} (null removes it). */
    public static void put(String key, String value) {
        CURRENT.set(CURRENT.get().with(key, value));
    }

    /** The value of {@code key}, or null. */
    public static String get(String key) {
        return CURRENT.get().get(key);
    }

    /** Removes {@code key}. */
    public static void remove(String key) {
        CURRENT.set(CURRENT.get().without(key));
    }

    /** Removes every key. */
    public static void clear() {
        CURRENT.set(ContextMap.EMPTY);
    }

    /** Sets {@code key} until the returned scope is closed, then restores what was there before. */
    public static Scope scoped(String key, String value) {
        ContextMap before = CURRENT.get();
        CURRENT.set(before.with(key, value));
        return new Scope(key, before.get(key));
    }

    /** Restores a key's previous value when closed; close it on the thread that opened it. */
    public static final class Scope implements AutoCloseable {
        private final String key;
        private final String previous;

        private Scope(String key, String previous) {
            this.key = key;
            this.previous = previous;
        }

        @Override
        public void close() {
            put(key, previous);
        }
    }
}
