package dev.spool.internal.pipeline;

/**
 * Which field values a reused holder (a slot, a thread's field list) may keep after its event is done.
 *
 * <p>Keeping the value lets the next event that logs the same one (a literal, a cached {@code Integer})
 * skip the store, and a store into these long-lived holders costs a GC write barrier and a card for G1 to
 * refine (docs/decisions/slot-stores.md). What is kept must be small, so that a holder never pins memory:
 * boxed primitives, enums and strings of up to {@link #MAX_KEPT_CHARS} chars. Anything else is let go.
 */
public final class SmallValues {

    /** The longest string a holder keeps after its event. */
    public static final int MAX_KEPT_CHARS = 256;

    private SmallValues() {
    }

    /** Whether {@code value} may stay referenced after its event without pinning more than a few bytes. */
    public static boolean keep(Object value) {
        if (value == null || value instanceof Boolean || value instanceof Enum<?>) {
            return true;
        }
        if (value instanceof String s) {
            return s.length() <= MAX_KEPT_CHARS;
        }
        return value instanceof Integer || value instanceof Long || value instanceof Double
                || value instanceof Float || value instanceof Short || value instanceof Byte
                || value instanceof Character;
    }

    /** Lets go of the values among the first {@code count} that {@link #keep} would not keep. */
    public static void releaseLarge(Object[] values, int count) {
        for (int i = 0; i < count; i++) {
            Object v = values[i];
            if (v != null && !keep(v)) {
                values[i] = null;
            }
        }
    }
}
