package dev.spool.format;

/**
 * Calls into objects the application handed over (field values, exceptions), whose methods may throw.
 * A broken {@code toString()} or {@code getMessage()} must cost the event a placeholder, never the event.
 */
final class UserCode {

    private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];
    private static final Throwable[] NO_THROWABLES = new Throwable[0];

    private UserCode() {
    }

    /** {@code String.valueOf(value)}, or a placeholder naming what {@code toString()} threw. */
    static String toString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException e) {
            return "<toString() threw " + e.getClass().getName() + ">";
        }
    }

    /** The exception's message (may be null), or a placeholder naming what {@code getMessage()} threw. */
    static String messageOf(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException e) {
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }

    static StackTraceElement[] stackOf(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? NO_FRAMES : frames;
        } catch (RuntimeException e) {
            return NO_FRAMES;
        }
    }

    static Throwable causeOf(Throwable t) {
        try {
            return t.getCause();
        } catch (RuntimeException e) {
            return null;
        }
    }

    static Throwable[] suppressedOf(Throwable t) {
        try {
            return t.getSuppressed();
        } catch (RuntimeException e) {
            return NO_THROWABLES;
        }
    }
}
