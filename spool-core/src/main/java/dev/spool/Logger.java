package dev.spool;

import dev.spool.spi.Arguments;
import dev.spool.spi.KeyValues;
import dev.spool.spi.LogRoute;

/**
 * A named source of events; the dotted name is the "layer" that routes select on.
 *
 * <p>Get one with {@link Spool#logger(String)}. Thread-safe; calls never throw and never wait on I/O.
 * A call below the logger's level costs one comparison and allocates nothing. Messages use SLF4J's
 * {@code {}} placeholders; a trailing {@link Throwable} argument is the event's exception.
 *
 * <p><b>Numbers without boxing.</b> Each level has a one-argument overload for {@code long},
 * {@code double}, {@code float} and {@code char}, so {@code log.info("took {} ms", millis)} neither boxes
 * nor allocates. Java picks the overload by the argument's static type: {@code byte}, {@code short},
 * {@code int} and {@code long} take the {@code long} one; {@code float}, {@code double} and {@code char}
 * their own (without the last two, a {@code float} would widen to {@code double} and print more digits,
 * and a {@code char} would widen to {@code long} and print its code); a {@code boolean} and every reference,
 * boxed numbers included, take the {@code Object} one ({@code Boolean.TRUE} and {@code FALSE} are shared,
 * so a boolean allocates nothing either). Each prints exactly what the boxed value prints. For two or more
 * arguments with numbers, {@link EventBuilder#arg(long)} and its siblings add them unboxed:
 * {@code log.atInfo().arg(user).arg(millis).log("{} took {} ms")}. There are no two-argument primitive
 * overloads: with an {@code Object} in the other position, a call such as {@code info("{} {}", flag, 5L)}
 * would no longer compile (both {@code (Object, Object)} and {@code (Object, long)} apply after boxing and
 * neither is more specific), and only every combination of {@code Object}, {@code boolean}, {@code char},
 * {@code long}, {@code float} and {@code double} (35 more per level) would avoid that.
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
    public void trace(String pattern, long arg) { if (TRACE >= threshold) emitPrimitive(Level.TRACE, pattern, Arguments.LONG, arg, 0); }
    public void trace(String pattern, double arg) { if (TRACE >= threshold) emitPrimitive(Level.TRACE, pattern, Arguments.DOUBLE, 0, arg); }
    public void trace(String pattern, float arg) { if (TRACE >= threshold) emitPrimitive(Level.TRACE, pattern, Arguments.FLOAT, 0, arg); }
    public void trace(String pattern, char arg) { if (TRACE >= threshold) emitPrimitive(Level.TRACE, pattern, Arguments.CHAR, arg, 0); }

    public void debug(String message) { if (DEBUG >= threshold) emit(Level.DEBUG, message, 0, null, null, null); }
    public void debug(String pattern, Object arg) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 1, arg, null, null); }
    public void debug(String pattern, Object a, Object b) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 2, a, b, null); }
    public void debug(String pattern, Object... args) { if (DEBUG >= threshold) emit(Level.DEBUG, pattern, 0, null, null, args); }
    public void debug(String pattern, long arg) { if (DEBUG >= threshold) emitPrimitive(Level.DEBUG, pattern, Arguments.LONG, arg, 0); }
    public void debug(String pattern, double arg) { if (DEBUG >= threshold) emitPrimitive(Level.DEBUG, pattern, Arguments.DOUBLE, 0, arg); }
    public void debug(String pattern, float arg) { if (DEBUG >= threshold) emitPrimitive(Level.DEBUG, pattern, Arguments.FLOAT, 0, arg); }
    public void debug(String pattern, char arg) { if (DEBUG >= threshold) emitPrimitive(Level.DEBUG, pattern, Arguments.CHAR, arg, 0); }

    public void info(String message) { if (INFO >= threshold) emit(Level.INFO, message, 0, null, null, null); }
    public void info(String pattern, Object arg) { if (INFO >= threshold) emit(Level.INFO, pattern, 1, arg, null, null); }
    public void info(String pattern, Object a, Object b) { if (INFO >= threshold) emit(Level.INFO, pattern, 2, a, b, null); }
    public void info(String pattern, Object... args) { if (INFO >= threshold) emit(Level.INFO, pattern, 0, null, null, args); }
    public void info(String pattern, long arg) { if (INFO >= threshold) emitPrimitive(Level.INFO, pattern, Arguments.LONG, arg, 0); }
    public void info(String pattern, double arg) { if (INFO >= threshold) emitPrimitive(Level.INFO, pattern, Arguments.DOUBLE, 0, arg); }
    public void info(String pattern, float arg) { if (INFO >= threshold) emitPrimitive(Level.INFO, pattern, Arguments.FLOAT, 0, arg); }
    public void info(String pattern, char arg) { if (INFO >= threshold) emitPrimitive(Level.INFO, pattern, Arguments.CHAR, arg, 0); }

    public void warn(String message) { if (WARN >= threshold) emit(Level.WARN, message, 0, null, null, null); }
    public void warn(String pattern, Object arg) { if (WARN >= threshold) emit(Level.WARN, pattern, 1, arg, null, null); }
    public void warn(String pattern, Object a, Object b) { if (WARN >= threshold) emit(Level.WARN, pattern, 2, a, b, null); }
    public void warn(String pattern, Object... args) { if (WARN >= threshold) emit(Level.WARN, pattern, 0, null, null, args); }
    public void warn(String pattern, long arg) { if (WARN >= threshold) emitPrimitive(Level.WARN, pattern, Arguments.LONG, arg, 0); }
    public void warn(String pattern, double arg) { if (WARN >= threshold) emitPrimitive(Level.WARN, pattern, Arguments.DOUBLE, 0, arg); }
    public void warn(String pattern, float arg) { if (WARN >= threshold) emitPrimitive(Level.WARN, pattern, Arguments.FLOAT, 0, arg); }
    public void warn(String pattern, char arg) { if (WARN >= threshold) emitPrimitive(Level.WARN, pattern, Arguments.CHAR, arg, 0); }

    public void error(String message) { if (ERROR >= threshold) emit(Level.ERROR, message, 0, null, null, null); }
    public void error(String pattern, Object arg) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 1, arg, null, null); }
    public void error(String pattern, Object a, Object b) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 2, a, b, null); }
    public void error(String pattern, Object... args) { if (ERROR >= threshold) emit(Level.ERROR, pattern, 0, null, null, args); }
    public void error(String pattern, long arg) { if (ERROR >= threshold) emitPrimitive(Level.ERROR, pattern, Arguments.LONG, arg, 0); }
    public void error(String pattern, double arg) { if (ERROR >= threshold) emitPrimitive(Level.ERROR, pattern, Arguments.DOUBLE, 0, arg); }
    public void error(String pattern, float arg) { if (ERROR >= threshold) emitPrimitive(Level.ERROR, pattern, Arguments.FLOAT, 0, arg); }
    public void error(String pattern, char arg) { if (ERROR >= threshold) emitPrimitive(Level.ERROR, pattern, Arguments.CHAR, arg, 0); }

    public void fatal(String message) { if (FATAL >= threshold) emit(Level.FATAL, message, 0, null, null, null); }
    public void fatal(String pattern, Object arg) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 1, arg, null, null); }
    public void fatal(String pattern, Object a, Object b) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 2, a, b, null); }
    public void fatal(String pattern, Object... args) { if (FATAL >= threshold) emit(Level.FATAL, pattern, 0, null, null, args); }
    public void fatal(String pattern, long arg) { if (FATAL >= threshold) emitPrimitive(Level.FATAL, pattern, Arguments.LONG, arg, 0); }
    public void fatal(String pattern, double arg) { if (FATAL >= threshold) emitPrimitive(Level.FATAL, pattern, Arguments.DOUBLE, 0, arg); }
    public void fatal(String pattern, float arg) { if (FATAL >= threshold) emitPrimitive(Level.FATAL, pattern, Arguments.FLOAT, 0, arg); }
    public void fatal(String pattern, char arg) { if (FATAL >= threshold) emitPrimitive(Level.FATAL, pattern, Arguments.CHAR, arg, 0); }

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

    private void emitPrimitive(Level level, String pattern, int kind, long longValue, double doubleValue) {
        LogRoute r = route;
        if (r.log(level, pattern, kind, longValue, doubleValue)) {
            return;
        }
        LogRoute now = route; // shut down and perhaps replaced: as in emit
        if (now == r || !now.log(level, pattern, kind, longValue, doubleValue)) {
            now.countAfterShutdown();
        }
    }

    void emit(Level level, String pattern, Arguments args, Throwable thrown, KeyValues fields) {
        LogRoute r = route;
        if (r.log(level, pattern, args, thrown, fields)) {
            return;
        }
        LogRoute now = route; // shut down and perhaps replaced: as in emit
        if (now == r || !now.log(level, pattern, args, thrown, fields)) {
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
