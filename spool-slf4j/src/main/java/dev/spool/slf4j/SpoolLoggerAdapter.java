package dev.spool.slf4j;

import dev.spool.EventBuilder;
import dev.spool.Level;
import dev.spool.Logger;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;
import org.slf4j.event.LoggingEvent;
import org.slf4j.spi.LocationAwareLogger;
import org.slf4j.spi.LoggingEventAware;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.List;

/**
 * An {@link org.slf4j.Logger} that hands every call straight to a Spool {@link Logger}.
 *
 * <p>Every SLF4J method is implemented here rather than inherited from SLF4J's abstract loggers, which
 * pack arguments into a fresh array per call: one and two arguments travel as {@code a0}/{@code a1},
 * so a plain call allocates nothing. A marker becomes the field {@value #MARKERS_FIELD} (its name;
 * markers it references are not expanded). The fluent API goes through Spool's own builder
 * ({@link FluentEvent}) with its key/values as fields; a {@link LoggingEvent} made elsewhere arrives
 * through {@link #log(LoggingEvent)}. The Spool logger rebinds itself when Spool is reconfigured, so an
 * adapter made before configuration follows it.
 *
 * <p>It is also a {@link LocationAwareLogger}, the interface other bridges log through (Commons Logging
 * 1.3's SLF4J factory, log4j-to-slf4j, jul-to-slf4j): the caller's class name is not used, Spool records
 * no call site.
 */
final class SpoolLoggerAdapter implements org.slf4j.Logger, LoggingEventAware, LocationAwareLogger {

    static final String MARKERS_FIELD = "markers";

    private final String name;
    private final Logger logger;

    SpoolLoggerAdapter(String name, Logger logger) {
        this.name = name;
        this.logger = logger;
    }

    @Override
    public String getName() {
        return name;
    }

    // ---------------------------------------------------------------- TRACE

    @Override public boolean isTraceEnabled() { return logger.isEnabled(Level.TRACE); }
    @Override public void trace(String msg) { logger.log(Level.TRACE, msg, 0, null, null, null, null); }
    @Override public void trace(String format, Object arg) { logger.log(Level.TRACE, format, 1, arg, null, null, null); }
    @Override public void trace(String format, Object a, Object b) { logger.log(Level.TRACE, format, 2, a, b, null, null); }
    @Override public void trace(String format, Object... args) { logger.log(Level.TRACE, format, 0, null, null, args, null); }
    @Override public void trace(String msg, Throwable t) { logger.log(Level.TRACE, msg, 0, null, null, null, t); }
    @Override public boolean isTraceEnabled(Marker marker) { return logger.isEnabled(Level.TRACE); }
    @Override public void trace(Marker m, String msg) { marked(Level.TRACE, m, msg, 0, null, null, null, null); }
    @Override public void trace(Marker m, String format, Object arg) { marked(Level.TRACE, m, format, 1, arg, null, null, null); }
    @Override public void trace(Marker m, String format, Object a, Object b) { marked(Level.TRACE, m, format, 2, a, b, null, null); }
    @Override public void trace(Marker m, String format, Object... args) { marked(Level.TRACE, m, format, 0, null, null, args, null); }
    @Override public void trace(Marker m, String msg, Throwable t) { marked(Level.TRACE, m, msg, 0, null, null, null, t); }

    // ---------------------------------------------------------------- DEBUG

    @Override public boolean isDebugEnabled() { return logger.isEnabled(Level.DEBUG); }
    @Override public void debug(String msg) { logger.log(Level.DEBUG, msg, 0, null, null, null, null); }
    @Override public void debug(String format, Object arg) { logger.log(Level.DEBUG, format, 1, arg, null, null, null); }
    @Override public void debug(String format, Object a, Object b) { logger.log(Level.DEBUG, format, 2, a, b, null, null); }
    @Override public void debug(String format, Object... args) { logger.log(Level.DEBUG, format, 0, null, null, args, null); }
    @Override public void debug(String msg, Throwable t) { logger.log(Level.DEBUG, msg, 0, null, null, null, t); }
    @Override public boolean isDebugEnabled(Marker marker) { return logger.isEnabled(Level.DEBUG); }
    @Override public void debug(Marker m, String msg) { marked(Level.DEBUG, m, msg, 0, null, null, null, null); }
    @Override public void debug(Marker m, String format, Object arg) { marked(Level.DEBUG, m, format, 1, arg, null, null, null); }
    @Override public void debug(Marker m, String format, Object a, Object b) { marked(Level.DEBUG, m, format, 2, a, b, null, null); }
    @Override public void debug(Marker m, String format, Object... args) { marked(Level.DEBUG, m, format, 0, null, null, args, null); }
    @Override public void debug(Marker m, String msg, Throwable t) { marked(Level.DEBUG, m, msg, 0, null, null, null, t); }

    // ---------------------------------------------------------------- INFO

    @Override public boolean isInfoEnabled() { return logger.isEnabled(Level.INFO); }
    @Override public void info(String msg) { logger.log(Level.INFO, msg, 0, null, null, null, null); }
    @Override public void info(String format, Object arg) { logger.log(Level.INFO, format, 1, arg, null, null, null); }
    @Override public void info(String format, Object a, Object b) { logger.log(Level.INFO, format, 2, a, b, null, null); }
    @Override public void info(String format, Object... args) { logger.log(Level.INFO, format, 0, null, null, args, null); }
    @Override public void info(String msg, Throwable t) { logger.log(Level.INFO, msg, 0, null, null, null, t); }
    @Override public boolean isInfoEnabled(Marker marker) { return logger.isEnabled(Level.INFO); }
    @Override public void info(Marker m, String msg) { marked(Level.INFO, m, msg, 0, null, null, null, null); }
    @Override public void info(Marker m, String format, Object arg) { marked(Level.INFO, m, format, 1, arg, null, null, null); }
    @Override public void info(Marker m, String format, Object a, Object b) { marked(Level.INFO, m, format, 2, a, b, null, null); }
    @Override public void info(Marker m, String format, Object... args) { marked(Level.INFO, m, format, 0, null, null, args, null); }
    @Override public void info(Marker m, String msg, Throwable t) { marked(Level.INFO, m, msg, 0, null, null, null, t); }

    // ---------------------------------------------------------------- WARN

    @Override public boolean isWarnEnabled() { return logger.isEnabled(Level.WARN); }
    @Override public void warn(String msg) { logger.log(Level.WARN, msg, 0, null, null, null, null); }
    @Override public void warn(String format, Object arg) { logger.log(Level.WARN, format, 1, arg, null, null, null); }
    @Override public void warn(String format, Object a, Object b) { logger.log(Level.WARN, format, 2, a, b, null, null); }
    @Override public void warn(String format, Object... args) { logger.log(Level.WARN, format, 0, null, null, args, null); }
    @Override public void warn(String msg, Throwable t) { logger.log(Level.WARN, msg, 0, null, null, null, t); }
    @Override public boolean isWarnEnabled(Marker marker) { return logger.isEnabled(Level.WARN); }
    @Override public void warn(Marker m, String msg) { marked(Level.WARN, m, msg, 0, null, null, null, null); }
    @Override public void warn(Marker m, String format, Object arg) { marked(Level.WARN, m, format, 1, arg, null, null, null); }
    @Override public void warn(Marker m, String format, Object a, Object b) { marked(Level.WARN, m, format, 2, a, b, null, null); }
    @Override public void warn(Marker m, String format, Object... args) { marked(Level.WARN, m, format, 0, null, null, args, null); }
    @Override public void warn(Marker m, String msg, Throwable t) { marked(Level.WARN, m, msg, 0, null, null, null, t); }

    // ---------------------------------------------------------------- ERROR

    @Override public boolean isErrorEnabled() { return logger.isEnabled(Level.ERROR); }
    @Override public void error(String msg) { logger.log(Level.ERROR, msg, 0, null, null, null, null); }
    @Override public void error(String format, Object arg) { logger.log(Level.ERROR, format, 1, arg, null, null, null); }
    @Override public void error(String format, Object a, Object b) { logger.log(Level.ERROR, format, 2, a, b, null, null); }
    @Override public void error(String format, Object... args) { logger.log(Level.ERROR, format, 0, null, null, args, null); }
    @Override public void error(String msg, Throwable t) { logger.log(Level.ERROR, msg, 0, null, null, null, t); }
    @Override public boolean isErrorEnabled(Marker marker) { return logger.isEnabled(Level.ERROR); }
    @Override public void error(Marker m, String msg) { marked(Level.ERROR, m, msg, 0, null, null, null, null); }
    @Override public void error(Marker m, String format, Object arg) { marked(Level.ERROR, m, format, 1, arg, null, null, null); }
    @Override public void error(Marker m, String format, Object a, Object b) { marked(Level.ERROR, m, format, 2, a, b, null, null); }
    @Override public void error(Marker m, String format, Object... args) { marked(Level.ERROR, m, format, 0, null, null, args, null); }
    @Override public void error(Marker m, String msg, Throwable t) { marked(Level.ERROR, m, msg, 0, null, null, null, t); }

    // ---------------------------------------------------------------- fluent API

    /**
     * The fluent API's builder ({@code log.atInfo()} and the other {@code at...} calls come here when the
     * level is enabled): Spool's own, reused per thread, which allocates nothing per call (see
     * {@link FluentEvent}).
     */
    @Override
    public LoggingEventBuilder makeLoggingEventBuilder(org.slf4j.event.Level level) {
        return FluentEvent.begin(logger, toSpool(level));
    }

    /**
     * Receives a fluent event made by SLF4J's own builder or elsewhere (other bridges; Spool's builder,
     * {@link #makeLoggingEventBuilder}, does not come here).
     */
    @Override
    public void log(LoggingEvent event) {
        EventBuilder builder = logger.at(toSpool(event.getLevel()));
        List<Marker> markers = event.getMarkers();
        if (markers != null && !markers.isEmpty()) {
            builder.kv(MARKERS_FIELD, markerNames(markers));
        }
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs != null) {
            for (int i = 0, n = pairs.size(); i < n; i++) { // by index: no iterator per event
                KeyValuePair pair = pairs.get(i);
                builder.kv(pair.key, pair.value);
            }
        }
        // The arguments as they are, not getArgumentArray(): that copies SLF4J's list into a new array.
        List<Object> arguments = event.getArguments();
        if (arguments != null) {
            for (int i = 0, n = arguments.size(); i < n; i++) {
                builder.arg(arguments.get(i));
            }
        }
        builder.exception(event.getThrowable()).log(event.getMessage());
    }

    /**
     * A bridge's call: {@code level} is one of {@link LocationAwareLogger}'s {@code *_INT} constants (an
     * unknown value is logged as ERROR if above ERROR_INT, else at the nearest lower level);
     * {@code argArray}, when not null, fills the message's placeholders.
     */
    @Override
    public void log(Marker marker, String fqcn, int level, String message, Object[] argArray, Throwable t) {
        marked(ofInt(level), marker, message, 0, null, null, argArray, t);
    }

    static Level ofInt(int level) {
        if (level >= ERROR_INT) {
            return Level.ERROR;
        }
        if (level >= WARN_INT) {
            return Level.WARN;
        }
        if (level >= INFO_INT) {
            return Level.INFO;
        }
        return level >= DEBUG_INT ? Level.DEBUG : Level.TRACE;
    }

    /** The Spool level of an SLF4J level; they correspond one to one. */
    static Level toSpool(org.slf4j.event.Level level) {
        switch (level) {
            case TRACE: return Level.TRACE;
            case DEBUG: return Level.DEBUG;
            case INFO: return Level.INFO;
            case WARN: return Level.WARN;
            default: return Level.ERROR;
        }
    }

    private static String markerNames(List<Marker> markers) {
        if (markers.size() == 1) {
            return markers.get(0).getName();
        }
        StringBuilder names = new StringBuilder();
        for (Marker marker : markers) {
            if (names.length() > 0) {
                names.append(',');
            }
            names.append(marker.getName());
        }
        return names.toString();
    }

    /**
     * A call with a marker: the marker's name rides along as a field. The builder is the thread's
     * reusable one, so this path allocates no more than the plain one.
     */
    private void marked(Level level, Marker marker, String pattern, int argc, Object a0, Object a1,
                        Object[] args, Throwable thrown) {
        if (marker == null || !logger.isEnabled(level)) {
            logger.log(level, pattern, argc, a0, a1, args, thrown);
            return;
        }
        EventBuilder builder = logger.at(level).kv(MARKERS_FIELD, marker.getName()).exception(thrown);
        if (args != null) {
            builder.log(pattern, args);
        } else if (argc == 2) {
            builder.log(pattern, a0, a1);
        } else if (argc == 1) {
            builder.log(pattern, a0);
        } else {
            builder.log(pattern);
        }
    }
}
