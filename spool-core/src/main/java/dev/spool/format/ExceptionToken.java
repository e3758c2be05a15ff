package dev.spool.format;

import dev.spool.spi.ByteBuilder;
import dev.spool.spi.LogEvent;

/**
 * {@code %ex}: the event's exception as a stack trace on continuation lines, each starting with a TAB so
 * that a reader can tell where the next event begins. The layout is the JDK's
 * ({@code Caused by:}, {@code Suppressed:}, {@code ... n more} for frames shared with the enclosing
 * trace), with a TAB added in front of the lines the JDK starts at column 0. Messages are escaped like
 * event messages; a cause cycle is printed once and then marked, as the JDK does.
 *
 * <p>Allocates while rendering an exception (the JDK copies every stack trace it hands out); events
 * without one cost nothing.
 */
final class ExceptionToken extends Token {

    /** Bounds output and recursion for pathological cause chains. */
    static final int MAX_THROWABLES = StackTraceWriter.MAX_THROWABLES;

    private final boolean atLineStart;

    /**
     * @param atLineStart whether the token follows a line end ({@code %n%ex}): lines are then written as
     *                    TAB...LF; otherwise as LF TAB..., so {@code %m%ex%n} reads the same
     */
    ExceptionToken(boolean atLineStart) {
        this.atLineStart = atLineStart;
    }

    @Override
    void render(LogEvent event, ByteBuilder out) {
        Throwable throwable = event.throwable();
        if (throwable != null) {
            StackTraceWriter.text(throwable, out, atLineStart);
        }
    }
}
