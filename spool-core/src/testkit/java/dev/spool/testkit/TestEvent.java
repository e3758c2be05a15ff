package dev.spool.testkit;

import dev.spool.ContextMap;
import dev.spool.EventId;
import dev.spool.Level;
import dev.spool.Resource;
import dev.spool.spi.EventKind;
import dev.spool.spi.Ledger;
import dev.spool.spi.LogEvent;

import java.util.ArrayList;
import java.util.List;

/** A hand-built {@link LogEvent} for format and sink tests. */
public final class TestEvent implements LogEvent {

    public static final Resource RESOURCE = new Resource("test-service", "test-host", 4242);

    private long idHigh = EventId.high(1_763_769_301_123L);
    private long idLow = 0x0123_4567_89AB_CDEFL;
    private long timestampMicros = 1_763_769_301_123_456L; // 2025-11-21T23:55:01.123456Z
    private Level level = Level.INFO;
    private String logger = "app.db";
    private String threadName = "main";
    private long threadId = 1;
    private CharSequence message = "hello";
    private final List<String> keys = new ArrayList<>();
    private final List<Object> values = new ArrayList<>();
    private ContextMap context = ContextMap.EMPTY;
    private Throwable throwable;
    private Resource resource = RESOURCE;
    private Ledger ledger;

    public static TestEvent event() {
        return new TestEvent();
    }

    public TestEvent id(long high, long low) { this.idHigh = high; this.idLow = low; return this; }
    public TestEvent timestampMicros(long micros) { this.timestampMicros = micros; return this; }
    public TestEvent level(Level l) { this.level = l; return this; }
    public TestEvent logger(String name) { this.logger = name; return this; }
    public TestEvent thread(String name, long id) { this.threadName = name; this.threadId = id; return this; }
    public TestEvent message(CharSequence m) { this.message = m; return this; }
    public TestEvent field(String key, Object value) { keys.add(key); values.add(value); return this; }
    public TestEvent context(String key, String value) { this.context = context.with(key, value); return this; }
    public TestEvent throwable(Throwable t) { this.throwable = t; return this; }
    public TestEvent resource(Resource r) { this.resource = r; return this; }
    /** Makes this event a ledger of kind {@link EventKind#LEDGER}, as a pipeline writes it (docs/audit.md). */
    public TestEvent ledger(Ledger l) { this.ledger = l; this.logger = "spool.ledger"; return this; }

    @Override public long idHigh() { return idHigh; }
    @Override public long idLow() { return idLow; }
    @Override public long timestampMicros() { return timestampMicros; }
    @Override public Level level() { return level; }
    @Override public String logger() { return logger; }
    @Override public String threadName() { return threadName; }
    @Override public long threadId() { return threadId; }
    @Override public CharSequence message() { return message; }
    @Override public int fieldCount() { return keys.size(); }
    @Override public String fieldKey(int index) { return keys.get(index); }
    @Override public Object fieldValue(int index) { return values.get(index); }
    @Override public ContextMap context() { return context; }
    @Override public Throwable throwable() { return throwable; }
    @Override public Resource resource() { return resource; }
    @Override public EventKind kind() { return ledger == null ? LogEvent.super.kind() : EventKind.LEDGER; }
    @Override public Ledger ledger() { return ledger; }
}
