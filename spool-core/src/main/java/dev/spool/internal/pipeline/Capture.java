package dev.spool.internal.pipeline;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.Arguments;
import dev.spool.spi.EventKind;
import dev.spool.spi.KeyValues;
import dev.spool.spi.LogEvent;

/**
 * The event a thread is logging, held on that thread until it is copied into a slot: the formatted
 * message, level, exception and fields, and what the clock, the thread and its context say at the moment
 * of the copy. It is a {@link LogEvent}, so a slot fills from it exactly as from an event made elsewhere.
 *
 * <p>One per thread, reused; it also carries the thread's private slot for the synchronous path. A
 * thread that logs again while formatting (an argument's {@code toString()} that logs) gets a fresh one,
 * so nested calls never share a buffer.
 */
final class Capture implements LogEvent {

    private static final ThreadLocal<Capture> CURRENT = ThreadLocal.withInitial(Capture::new);

    final Slot callerSlot = new Slot();
    final MessageBuffer message = new MessageBuffer(256);
    private final PatternPlan.Plans plans = new PatternPlan.Plans();
    private boolean busy;
    private String loggerName;
    private Resource resource;
    private Level level;
    private Throwable throwable;
    private KeyValues fields;
    private EventKind kind = EventKind.LOG;
    private String metricName;
    private double metricValue = Double.NaN;
    private String metricUnit;
    private String threadNameSeen;
    private int threadNumber = -1;

    /** The calling thread's capture, emptied; {@link #free()} it when the event is enqueued. */
    static Capture acquire() {
        Capture c = CURRENT.get();
        if (c.busy) {
            c = new Capture();
        }
        c.busy = true;
        c.message.clear();
        return c;
    }

    /**
     * Starts an event of {@code loggerName} at {@code level}. Each reference is compared before it is
     * stored: a store into this long-lived object costs a GC write barrier with a fence, and a thread
     * logging from one logger repeats the same values. None of them keeps a pipeline alive.
     */
    void begin(String logger, Resource processResource, Level eventLevel) {
        if (loggerName != logger) {
            loggerName = logger;
        }
        if (resource != processResource) {
            resource = processResource;
        }
        if (level != eventLevel) {
            level = eventLevel;
        }
    }

    /**
     * Formats the message, cut at {@code maxChars}; returns a trailing Throwable argument, if any.
     */
    Throwable format(String pattern, int argc, Object a0, Object a1, Object[] args, int maxChars) {
        Throwable trailing = MessageFormatter.format(message, pattern, plan(pattern), argc, a0, a1, args);
        if (message.length() > maxChars) {
            message.truncate(maxChars);
        }
        return trailing;
    }

    /** Formats the message of a pattern with one primitive argument ({@link Arguments}'s kinds). */
    void formatPrimitive(String pattern, int kind, long longValue, double doubleValue, int maxChars) {
        MessageFormatter.formatPrimitive(message, pattern, plan(pattern), kind, longValue, doubleValue);
        if (message.length() > maxChars) {
            message.truncate(maxChars);
        }
    }

    /** Formats the message from typed arguments, cut at {@code maxChars}; returns a trailing Throwable. */
    Throwable format(String pattern, Arguments args, int maxChars) {
        Throwable trailing = MessageFormatter.format(message, pattern, plan(pattern), args);
        if (message.length() > maxChars) {
            message.truncate(maxChars);
        }
        return trailing;
    }

    /** This thread's plan of {@code pattern} ({@link PatternPlan}), or null: the formatter then scans it. */
    private PatternPlan plan(String pattern) {
        return pattern == null ? null : plans.of(pattern);
    }

    void attach(Throwable exception, KeyValues keyValues) {
        if (exception != null) {
            throwable = exception;
        }
        if (keyValues != null) {
            fields = keyValues;
        }
    }

    /** Makes this a metric sample: message {@code name=value unit}, the tags as fields. */
    void metric(String name, double value, String unit, KeyValues tags) {
        message.append(String.valueOf(name));
        message.append('=');
        message.append(value);
        if (unit != null && !unit.isEmpty()) {
            message.append(' ');
            message.append(unit);
        }
        kind = EventKind.METRIC;
        metricName = name;
        metricValue = value;
        metricUnit = unit == null ? "" : unit;
        fields = tags;
    }

    /** Lets go of what the event referenced, so a thread's capture keeps nothing alive. */
    void free() {
        busy = false;
        if (throwable != null) {
            throwable = null;
        }
        if (fields != null) {
            fields = null;
        }
        if (kind != EventKind.LOG) {
            kind = EventKind.LOG;
            metricName = null;
            metricUnit = null;
            metricValue = Double.NaN;
        }
        message.trimOver(65_536); // one huge message must not pin memory in every thread forever
    }

    @Override public long idHigh() { return 0; }
    @Override public long idLow() { return 0; }
    @Override public long timestampMicros() { return WallClock.micros(); }
    @Override public Level level() { return level; }
    @Override public String logger() { return loggerName; }
    @Override public String threadName() { return Thread.currentThread().getName(); }

    /**
     * The {@link ThreadNames} number of the calling thread's name, or {@code -1} when names have run out;
     * looked up again only when the thread's name has changed since the last event.
     */
    int threadNumber() {
        String name = Thread.currentThread().getName();
        if (name != threadNameSeen) {
            threadNameSeen = name;
            threadNumber = ThreadNames.PROCESS.indexOf(name);
        }
        return threadNumber;
    }
    @Override public long threadId() { return Thread.currentThread().getId(); }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return fields == null ? 0 : fields.size(); }
    @Override public String fieldKey(int index) { return fields.key(index); }
    @Override public Object fieldValue(int index) { return fields.value(index); }
    @Override public ContextMap context() { return ContextContributors.captured(); }
    @Override public Throwable throwable() { return throwable; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return kind; }
    @Override public String metricName() { return metricName; }
    @Override public double metricValue() { return metricValue; }
    @Override public String metricUnit() { return metricUnit; }
}
