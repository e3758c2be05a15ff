package dev.spool;

import dev.spool.spi.KeyValues;
import dev.spool.spi.LogRoute;

/**
 * A named source of events; the dotted name is the "layer" that routes select on.
 *
 * <p>Get one with {@link Spool#logger(String)}. Thread-safe; calls never throw and never wait on I/O.
 * A call below the logger's level costs one comparison and allocates nothing. Messages use SLF4J's
 * {@code {}} placeholders; a trailing {@link Throwable} argument is the event's exception.
 *
 * <pre>{@code
 * private static final Logger log = Spool.logger("app.db");
 * log.info("query {} took {} ms", id, millis);
 * log.atWarn().kv("user_id", 42).kv("action", "login").log("slow login");
 * }</pre>
 */
public final class Logger {

    private static final int TRACE = 0;
    private static final int DEBUG = 1;
    private static final int INFO = 2;
    private static final int WARN = 3;
    private static final int ERROR = 4;
    private static final int FATAL = 5;

    private final String name;
    volatile LogRoute route;
    volatile int threshold = Level.OFF; // written after route, so a reader that passes it sees the route

    Logger(String name) {
        this.name = name;
    }

    /** The logger's name. */
    public String name() {
        return name;
    }

    /** Whether an event at {@code level} would be logged. */
    public boolean isEnabled(Level level) {
        return level.ordinal() >= threshold;
    }

    public void trace(String message) { if (TRACE >= threshold) emit(Level.TRACE, message, 0, null, null, null); }
    public void trace(String pattern, Object arg) { if (TRACE >= threshold) emit(Level.TRACE, pattern, 1, arg, null, null); }
    public void trace(String pattern, Object a, Object b) { if (TRACE >= threshold) emit(Level.TRACE, pattern, 2, a, b, null); }
    public void trace(String pattern, Object... args) { if (TRACE >= threshold) emit(Level.TRACE, pattern, 0, null, null, args); }

    public void debug(String message) { if (DEBUG >= threshold) emit(Level.DEBUG, message, 0, null, null, null); }
    public void debug(String pattern, Object arg) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 1, arg, null, null); }
    public void debug(String pattern, Object a, Object b) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 2, a, b, null); }
    public void debug(String pattern, Object... args) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 0, null, null, args); }

    public void info(String message) { if (INFO >= threshold) emit(Level.INFO, message, 0, null, null, null); }
    public void info(String pattern, Object arg) { if (INFO >= threshold) emit(Level.INFO, pattern, 1, arg, null, null); }
    public void info(String pattern, Object a, Object b) { if (INFO >= threshold) emit(Level.INFO, pattern, 2, a, b, null); }
    public void info(String pattern, Object... args) { if (INFO >= threshold) emit(Level.INFO, pattern, 0, null, null, args); }

    public void warn(String message) { if (WARN >= threshold) emit(Level.WARN, message, 0, null, null, null); }
    public void warn(String pattern, Object arg) { if (WARN >= threshold) emit(Level.WARN, pattern, 1, arg, null, null); }
    public void warn(String pattern, Object a, Object b) { if (WARN >= threshold) emit(Level.WARN, pattern, 2, a, b, null); }
    public void warn(String pattern, Object... args) { if (WARN >= threshold) emit(Level.WARN, pattern, 0, null, null, args); }

    public void error(String message) { if (ERROR >= threshold) emit(Level.ERROR, message, 0, null, null, null); }
    public void error(String pattern, Object arg) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 1, arg, null, null); }
    public void error(String pattern, Object a, Object b) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 2, a, b, null); }
    public void error(String pattern, Object... args) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 0, null, null, args); }

    public void fatal(String message) { if (FATAL >= threshold) emit(Level.FATAL, message, 0, null, null, null); }
    public void fatal(String pattern, Object arg) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 1, arg, null, null); }
    public void fatal(String pattern, Object a, Object b) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 2, a, b, null); }
    public void fatal(String pattern, Object... args) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 0, null, null, args); }

    /** Logs at a level chosen at run time. */
    public void log(Level level, String pattern, Object... args) {
        if (level.ordinal() >= threshold) {
            emit(level, pattern, 0, null, null, args);
        }
    }

    /**
     * Logs {@code message} at a level chosen at run time with {@code fields} as key/values, each keeping its
     * type as {@link EventBuilder#kv(String, Object)} keeps it: the shape of a Python logger's
     * {@code log(level, message, {"user_id": 42})}. The message is not a pattern. (To format a map into the
     * message instead, pass it as {@code (Object) map} to {@link #log(Level, String, Object...)}.)
     */
    public void log(Level level, String message, java.util.Map<String, ?> fields) {
        if (level.ordinal() >= threshold) {
            at(level).fields(fields).log(message);
        }
    }

    /**
     * The allocation-free entry point for bridges (SLF4J, JUL): arguments as {@code a0}/{@code a1} with
     * {@code argc} of them, or as {@code args} when not null; an explicit exception in {@code thrown}.
     * Checks the level itself.
     */
    public void log(Level level, String pattern, int argc, Object a0, Object a1, Object[] args, Throwable thrown) {
        if (level.ordinal() >= threshold) {
            emit(level, pattern, argc, a0, a1, args, thrown, null);
        }
    }

    public EventBuilder atTrace() { return at(Level.TRACE); }
    public EventBuilder atDebug() { return at(Level.DEBUG); }
    public EventBuilder atInfo() { return at(Level.INFO); }
    public EventBuilder atWarn() { return at(Level.WARN); }
    public EventBuilder atError() { return at(Level.ERROR); }
    public EventBuilder atFatal() { return at(Level.FATAL); }

    /**
     * A builder for one event with key/values, used in one statement on one thread. Below the level it
     * returns a builder that ignores everything and allocates nothing.
     */
    public EventBuilder at(Level level) {
        return level.ordinal() >= threshold ? EventBuilder.begin(this, level) : EventBuilder.DISABLED;
    }

    private void emit(Level level, String pattern, int argc, Object a0, Object a1, Object[] args) {
        emit(level, pattern, argc, a0, a1, args, null, null);
    }

    void emit(Level level, String pattern, int argc, Object a0, Object a1, Object[] args, Throwable thrown,
              KeyValues fields) {
        LogRoute r = route;
        if (r.log(level, pattern, argc, a0, a1, args, thrown, fields)) {
            return;
        }
        // The pipeline shut down. If it was replaced (reconfiguration), the logger already points at the
        // new one: send the event there instead of losing it.
        LogRoute now = route;
        if (now == r || !now.log(level, pattern, argc, a0, a1, args, thrown, fields)) {
            now.countAfterShutdown();
        }
    }

    void emitMetric(String metric, double value, String unit, KeyValues tags) {
        if (Level.INFO.ordinal() < threshold) {
            return;
        }
        LogRoute r = route;
        if (r.metric(metric, value, unit, tags)) {
            return;
        }
        LogRoute now = route;
        if (now == r || !now.metric(metric, value, unit, tags)) {
            now.countAfterShutdown();
        }
    }

    @Override
    public String toString() {
        return "Logger[" + name + "]";
    }
}
