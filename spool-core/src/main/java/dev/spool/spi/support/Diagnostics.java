package dev.spool.spi.support;

import java.io.PrintStream;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

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
            Window w = WINDOWS.computeIfAbsent(key, k -> new Window());
            long now = System.nanoTime();
            long last = w.lastNanos.get();
            if (last != 0 && now - last < INTERVAL_NANOS) {
                w.suppressed.incrementAndGet();
                return;
            }
            if (!w.lastNanos.compareAndSet(last, now)) {
                w.suppressed.incrementAndGet();
                return;
            }
            long suppressed = w.suppressed.getAndSet(0);
            StringBuilder line = new StringBuilder("spool: ").append(message);
            if (cause != null) {
                line.append(": ").append(cause);
            }
            if (suppressed > 0) {
                line.append(" (").append(suppressed).append(" similar reports suppressed)");
            }
            out.println(line);
        } catch (RuntimeException ignored) {
            // Diagnostics must never break the caller.
        }
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
