package dev.spool.collector.json;

import dev.spool.ContextMap;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;

/**
 * An event rebuilt from a JSON line: plain values, as the reader found them. Immutable once returned by
 * {@link JsonEventReader#read}; the one {@link JsonEventReader#readTransient} returns is the reader's own and
 * is refilled by its next line.
 */
final class ReadEvent implements LogEvent {

    long idHigh;
    long idLow;
    long timestampMicros;
    Level level;
    String logger;
    String threadName;
    long threadId;
    CharSequence message;
    String[] fieldKeys;
    Object[] fieldValues;
    ContextMap context;
    Throwable throwable;
    Resource resource;
    EventKind kind = EventKind.LOG;
    String metricName;
    double metricValue = Double.NaN;
    String metricUnit;
    Ledger ledger;

    @Override public long idHigh() { return idHigh; }
    @Override public long idLow() { return idLow; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return level; }
    @Override public String logger() { return logger; }
    @Override public String threadName() { return threadName; }
    @Override public long threadId() { return threadId; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return fieldKeys.length; }
    @Override public String fieldKey(int index) { return fieldKeys[index]; }
    @Override public Object fieldValue(int index) { return fieldValues[index]; }
    @Override public ContextMap context() { return context; }
    @Override public Throwable throwable() { return throwable; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return kind; }
    @Override public String metricName() { return metricName; }
    @Override public double metricValue() { return metricValue; }
    @Override public String metricUnit() { return metricUnit; }
    @Override public Ledger ledger() { return ledger; }
}
