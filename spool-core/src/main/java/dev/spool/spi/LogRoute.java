package dev.spool.spi;

import dev.spool.Level;

/**
 * Where the events of one logger go in a running pipeline, as the logging API sees it: the level the
 * logger should use and the door its events enter by. A pipeline decides a route once per logger name
 * ({@link LogPipeline#route}) and the logger keeps it, so nothing is looked up per event.
 *
 * <p>Implemented by Spool's pipeline for {@link dev.spool.Logger}; applications neither implement nor
 * call it. All methods are thread-safe, never throw into the caller and never do I/O; with the
 * {@code block} overflow policy a publish may wait for queue space.
 */
public interface LogRoute {

    /**
     * The threshold (a {@link Level} ordinal, or {@link Level#OFF}) a logger on this route should use:
     * the configured level, or {@code override} when its prefix is at least as specific as the route's;
     * raised to the lowest destination minimum, and OFF when no destination would take anything.
     *
     * @param override             overriding level, or null
     * @param overridePrefixLength length of the override's logger prefix
     */
    int threshold(Level override, int overridePrefixLength);

    /**
     * Formats and enqueues one event; the caller already checked the level. Arguments are {@code a0} and
     * {@code a1} with {@code argc} of them, or {@code args} when not null; a trailing Throwable argument
     * is the exception unless {@code thrown} is given.
     *
     * @param fields the event's key/values, or null
     * @return false if the pipeline has shut down and nothing was counted: the caller should retry with
     *         its logger's current route, or call {@link #countAfterShutdown()}
     */
    boolean log(Level level, String pattern, int argc, Object a0, Object a1, Object[] args, Throwable thrown,
                KeyValues fields);

    /**
     * As {@link #log(Level, String, int, Object, Object, Object[], Throwable, KeyValues)} for a pattern
     * with one primitive argument, passed unboxed: {@code kind} is one of {@link Arguments}'s primitive
     * kinds, the value in {@code longValue} ({@link Arguments#LONG}, {@link Arguments#CHAR}) or
     * {@code doubleValue} ({@link Arguments#DOUBLE}, {@link Arguments#FLOAT}).
     *
     * @return as {@link #log(Level, String, int, Object, Object, Object[], Throwable, KeyValues)}
     */
    boolean log(Level level, String pattern, int kind, long longValue, double doubleValue);

    /**
     * As {@link #log(Level, String, int, Object, Object, Object[], Throwable, KeyValues)} with typed
     * arguments, read before this returns.
     *
     * @return as {@link #log(Level, String, int, Object, Object, Object[], Throwable, KeyValues)}
     */
    boolean log(Level level, String pattern, Arguments args, Throwable thrown, KeyValues fields);

    /**
     * Enqueues a metric sample: an INFO event of kind metric whose message reads {@code name=value unit}
     * and whose fields are the tags.
     *
     * @param tags the tags, or null
     * @return false if the pipeline has shut down (see {@link #log})
     */
    boolean metric(String name, double value, String unit, KeyValues tags);

    /** Counts an event that reached this route's pipeline after it shut down ({@code after_shutdown}). */
    void countAfterShutdown();
}
