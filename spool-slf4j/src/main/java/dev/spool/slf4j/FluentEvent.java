package dev.spool.slf4j;

import dev.spool.EventBuilder;
import dev.spool.Level;
import dev.spool.Logger;
import org.slf4j.Marker;
import org.slf4j.spi.CallerBoundaryAware;
import org.slf4j.spi.LoggingEventBuilder;

import java.util.function.Supplier;

/**
 * SLF4J's fluent API ({@code log.atInfo().addKeyValue(k, v).log(msg)}) written straight into Spool's
 * {@link EventBuilder}, instead of SLF4J's default builder, which makes an event object, a list of
 * key/value pairs, a pair per key and a list of arguments for every call and hands them over at the end.
 *
 * <p>Reused per thread, as Spool's own builder is: a builder started while the thread's one is in use (a
 * value computed by code that logs) is a fresh one, and so is every builder of a thread that started one
 * and never logged it. So, as with Log4j 2's {@code LogBuilder}: build and log in one statement, on one
 * thread, and do not keep the builder after its {@code log} call (a kept one starts a new event, without
 * the first one's key/values, and is the thread's builder again for the next {@code atInfo()}).
 *
 * <p>What each call means is SLF4J's: suppliers are called when they are added; arguments added with
 * {@code addArgument} come before those passed to {@code log}; markers become the field
 * {@value SpoolLoggerAdapter#MARKERS_FIELD}, their names joined by commas.
 */
final class FluentEvent implements LoggingEventBuilder, CallerBoundaryAware {

    private static final ThreadLocal<FluentEvent> REUSABLE = ThreadLocal.withInitial(FluentEvent::new);

    private Logger logger;
    private Level level;
    private EventBuilder event; // from begin() until logged: in use
    private String message;
    private String markers;     // names joined by commas; null without markers

    private FluentEvent() {
    }

    static FluentEvent begin(Logger logger, Level level) {
        FluentEvent f = REUSABLE.get();
        if (f.event != null) {
            f = new FluentEvent();
        }
        f.logger = logger;
        f.level = level;
        f.current();
        return f;
    }

    /**
     * The event being built. A builder kept after its {@code log} call starts a new one with what it is
     * given next, so a second {@code log} on it is logged too, though without what the first had.
     */
    private EventBuilder current() {
        if (event == null) {
            event = logger.at(level);
            message = null;
            markers = null;
        }
        return event;
    }

    @Override
    public LoggingEventBuilder setCause(Throwable cause) {
        current().exception(cause);
        return this;
    }

    @Override
    public LoggingEventBuilder addMarker(Marker marker) {
        current();
        if (marker != null) {
            markers = markers == null ? marker.getName() : markers + ',' + marker.getName();
        }
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Object value) {
        current().arg(value);
        return this;
    }

    @Override
    public LoggingEventBuilder addArgument(Supplier<?> value) {
        return addArgument(value.get());
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Object value) {
        current().kv(key, value);
        return this;
    }

    @Override
    public LoggingEventBuilder addKeyValue(String key, Supplier<Object> value) {
        return addKeyValue(key, value.get());
    }

    @Override
    public LoggingEventBuilder setMessage(String text) {
        current();
        message = text;
        return this;
    }

    @Override
    public LoggingEventBuilder setMessage(Supplier<String> text) {
        return setMessage(text.get());
    }

    /** Spool records no call site, so the boundary between the caller and its logging wrapper is not used. */
    @Override
    public void setCallerBoundary(String fqcn) {
    }

    @Override
    public void log() {
        finish().log(message);
    }

    @Override
    public void log(String text) {
        finish().log(text);
    }

    @Override
    public void log(String pattern, Object arg) {
        finish().log(pattern, arg);
    }

    @Override
    public void log(String pattern, Object a, Object b) {
        finish().log(pattern, a, b);
    }

    @Override
    public void log(String pattern, Object... args) {
        finish().log(pattern, args);
    }

    @Override
    public void log(Supplier<String> text) {
        finish().log(text == null ? null : text.get());
    }

    /**
     * Adds the markers field and frees this builder for the thread's next event: the Spool builder it
     * returns logs the event, and a call that logs meanwhile (an argument's {@code toString()}) may then
     * reuse this one without touching it.
     */
    private EventBuilder finish() {
        EventBuilder e = current();
        if (markers != null) {
            e.kv(SpoolLoggerAdapter.MARKERS_FIELD, markers);
        }
        event = null;
        return e;
    }
}
