package dev.spool.spi.support;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * Spool's own diagnostics: one rate-limited reporter writing to stderr with the prefix {@code spool: }.
 *
 * <p>Spool never logs through itself, JUL or {@code System.Logger}: a failing destination reporting
 * through the pipeline it is failing in could loop or deadlock. Each distinct {@code key} prints at most
 * once per {@link #INTERVAL_NANOS}; repeats in between are counted and the count is printed with the
 * next report. Thread-safe.
 */
public final class Diagnostics {

    /** Minimum time between two reports with the same key: 10 seconds. */
    public static final long INTERVAL_NANOS = 10_000_000_000L;

    private static final ConcurrentHashMap<String, Window> WINDOWS = new ConcurrentHashMap<>();
    private static volatile PrintStream out = System.err;

    private Diagnostics() {
    }

    /** Reports a problem, rate-limited per {@code key}. Never throws. */
    public static void warn(String key, String message, Throwable cause) {
        try {
            Window w = due(key);
            if (w != null) {
                print(w, message, cause);
            }
        } catch (RuntimeException ignored) {
            // Diagnostics must never break the caller.
        }
    }

    /**
     * Reports a problem about {@code value}, rate-limited per {@code key} like {@link #warn(String, String,
     * Throwable)}, building the message only when it is printed: for hot paths, which then allocate
     * nothing while the report is suppressed (with a constant key and a {@code message} kept in a field).
     */
    public static void warn(String key, LongFunction<String> message, long value) {
        try {
            Window w = due(key);
            if (w != null) {
                print(w, message.apply(value), null);
            }
        } catch (RuntimeException ignored) {
            // as above
        }
    }

    /** The key's window if a report is due now (claimed by this caller), else null with the repeat counted. */
    private static Window due(String key) {
        Window w = WINDOWS.get(key);
        if (w == null) {
            w = WINDOWS.computeIfAbsent(key, k -> new Window());
        }
        long now = System.nanoTime();
        long last = w.lastNanos.get();
        if ((last != 0 && now - last < INTERVAL_NANOS) || !w.lastNanos.compareAndSet(last, now)) {
            w.suppressed.incrementAndGet();
            return null;
        }
        return w;
    }

    private static void print(Window w, String message, Throwable cause) {
        long suppressed = w.suppressed.getAndSet(0);
        StringBuilder line = new StringBuilder("spool: ").append(message);
        if (cause != null) {
            line.append(": ").append(cause);
        }
        if (suppressed > 0) {
            line.append(" (").append(suppressed).append(" similar reports suppressed)");
        }
        out.println(line);
    }

    /** Reports without rate limiting: for once-only events such as shutdown summaries. */
    public static void info(String message) {
        try {
            out.println("spool: " + message);
        } catch (RuntimeException ignored) {
            // as above
        }
    }

    /** Redirects reports (tests). Returns the previous stream. */
    public static PrintStream redirect(PrintStream stream) {
        PrintStream previous = out;
        out = stream;
        WINDOWS.clear();
        return previous;
    }

    private static final class Window {
        final AtomicLong lastNanos = new AtomicLong();
        final AtomicLong suppressed = new AtomicLong();
    }
}
