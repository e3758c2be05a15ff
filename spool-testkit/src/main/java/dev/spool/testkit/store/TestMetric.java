package dev.spool.testkit.store;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.LogEvent;
import dev.spool.testkit.TestEvent;

import java.util.ArrayList;
import java.util.List;

/** A hand-built metric sample for store tests: kind METRIC, tags as fields. */
public final class TestMetric implements LogEvent {

    private final long idLow;
    private final long timestampMicros;
    private final String name;
    private final double value;
    private final String unit;
    private final List<String> keys = new ArrayList<>();
    private final List<String> values = new ArrayList<>();

    public TestMetric(long idLow, long timestampMicros, String name, double value, String unit) {
        this.idLow = idLow;
        this.timestampMicros = timestampMicros;
        this.name = name;
        this.value = value;
        this.unit = unit;
    }

    public TestMetric tag(String key, String v) {
        keys.add(key);
        values.add(v);
        return this;
    }

    @Override public long idHigh() { return EventId.high(timestampMicros / 1_000); }
    @Override public long idLow() { return idLow; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return Level.INFO; }
    @Override public String logger() { return "metrics." + name; }
    @Override public String threadName() { return "main"; }
    @Override public long threadId() { return 1; }
    @Override public CharSequence message() { return ""; }
    @Override public int fieldCount() { return keys.size(); }
    @Override public String fieldKey(int index) { return keys.get(index); }
    @Override public Object fieldValue(int index) { return values.get(index); }
    @Override public ContextMap context() { return ContextMap.EMPTY; }
    @Override public Throwable throwable() { return null; }
    @Override public Resource resource() { return TestEvent.RESOURCE; }
    @Override public EventKind kind() { return EventKind.METRIC; }
    @Override public String metricName() { return name; }
    @Override public double metricValue() { return value; }
    @Override public String metricUnit() { return unit; }
}
